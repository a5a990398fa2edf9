using System.Text;
using IceCheckout.Detection.Model;
using IceCheckout.Detection.Tests.Support;
using IceCheckout.Messaging;
using IceCheckout.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;
using SkiaSharp;

namespace IceCheckout.Detection.Tests;

/// <summary>Cart's way in: RPC on <c>detection.requests</c> through a real RabbitMQ, one virtual host per test.</summary>
public sealed class DetectionRpcTests(RabbitMqServer broker) : IClassFixture<RabbitMqServer>
{
    private const string Queue = "detection.requests";
    private static readonly TimeSpan s_callTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_request_is_answered_with_the_detections_in_image_pixels()
    {
        await using var stack = await StartAsync();

        var response = await stack.Client.CallAsync<DetectionRequest, DetectionResponse>(
            Queue, new DetectionRequest(TestImages.Solid(288, 128, SKColors.Black), "image/png", "scan-1"), s_callTimeout);

        Assert.Equal((288, 128), (response.ImageWidth, response.ImageHeight));
        Assert.Equal(["red_bar", "green_cone"], response.Detections.Select(d => d.Label));
        Assert.Equal(45f, response.Detections[0].Box.X, 1);
        Assert.Equal(30f, response.Detections[0].Box.Width, 1);
    }

    [Fact]
    public async Task Concurrent_requests_each_get_their_own_result()
    {
        await using var stack = await StartAsync();
        // Blue images show the tiny model's third class, at a centre that moves left with the image's red.
        var reds = new byte[] { 0, 64, 128, 192, 255, 32, 96, 160 };

        var responses = await Task.WhenAll(reds.Select(red => stack.Client.CallAsync<DetectionRequest, DetectionResponse>(
            Queue, new DetectionRequest(TestImages.Solid(96, 64, new SKColor(red, 0, 255))), s_callTimeout)));

        for (var i = 0; i < reds.Length; i++)
        {
            var cup = Assert.Single(responses[i].Detections, d => d.Label == "blue's cup");
            var expectedCentre = 50 - 20 * reds[i] / 255f;
            Assert.InRange(cup.Box.X + cup.Box.Width / 2, expectedCentre - 0.15f, expectedCentre + 0.15f);
        }

        Assert.Equal(reds.Length, responses.Select(r => r.Detections.Single(d => d.Label == "blue's cup").Box.X).Distinct().Count());
    }

    [Fact]
    public async Task Two_instances_on_the_queue_share_the_requests()
    {
        // The second instance runs the YOLOv5 twin of the model: same detections, a different model name in the reply.
        await using var stack = await StartAsync();
        await using var second = stack.StartSecondInstance(TestModels.YoloV5);
        await stack.WaitForConsumersAsync(2);

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => stack.Client.CallAsync<DetectionRequest, DetectionResponse>(
            Queue, new DetectionRequest(TestImages.Solid(288, 128, SKColors.Black)), s_callTimeout)));

        Assert.Equal(["yolov5-tiny", "yolov8-tiny"], responses.Select(r => r.Model).Distinct().Order(StringComparer.Ordinal));
        Assert.All(responses, r => Assert.Equal(["red_bar", "green_cone"], r.Detections.Select(d => d.Label)));
    }

    [Fact]
    public async Task A_request_with_a_bad_image_is_refused_with_its_reason_not_dead_lettered_and_the_worker_keeps_serving()
    {
        await using var stack = await StartAsync();
        var truncated = TestImages.Noise(256, 256, SKEncodedImageFormat.Jpeg);

        var error = await Assert.ThrowsAsync<RpcRemoteException>(() => stack.Client.CallAsync<DetectionRequest, DetectionResponse>(
            Queue, new DetectionRequest(truncated[..(truncated.Length / 2)], "image/jpeg"), s_callTimeout));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        var next = await stack.Client.CallAsync<DetectionRequest, DetectionResponse>(
            Queue, new DetectionRequest(TestImages.Solid(288, 128, SKColors.Black)), s_callTimeout);
        Assert.Equal(2, next.Detections.Count);
        // The caller has its answer and staff have nothing to replay: a shopper's bad frame never turns health Degraded.
        Assert.Equal(0, await stack.DeadLetterCountAsync());
    }

    [Fact]
    public async Task An_unreadable_message_is_dead_lettered_and_the_worker_keeps_serving()
    {
        await using var stack = await StartAsync();
        var factory = new ConnectionFactory { Uri = new Uri(stack.VirtualHostUri) };
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            var replies = await channel.QueueDeclareAsync();
            var properties = new BasicProperties { CorrelationId = "poison-1", ReplyTo = replies.QueueName, ContentType = "application/json" };

            await channel.BasicPublishAsync(string.Empty, Queue, mandatory: false, properties, Encoding.UTF8.GetBytes("{\"image\": not json"));

            var reply = await WaitForAsync(() => channel.BasicGetAsync(replies.QueueName, autoAck: true));
            Assert.Equal("poison-1", reply.BasicProperties.CorrelationId);
            Assert.True(reply.BasicProperties.Headers?.ContainsKey("x-rpc-error"));
        }

        await stack.WaitForDeadLettersAsync(1);
        var next = await stack.Client.CallAsync<DetectionRequest, DetectionResponse>(
            Queue, new DetectionRequest(TestImages.Solid(288, 128, SKColors.Black)), s_callTimeout);
        Assert.Equal(2, next.Detections.Count);
    }

    private async Task<RpcStack> StartAsync()
    {
        var virtualHost = $"detection-{Guid.NewGuid():N}";
        var uri = await broker.CreateVirtualHostAsync(virtualHost);
        var service = new DetectionServiceFactory(
            TestModels.PathOf(TestModels.YoloV8),
            new Dictionary<string, string?> { ["ConnectionStrings:messaging"] = uri });
        service.StartServer();

        var callerBuilder = Host.CreateApplicationBuilder();
        callerBuilder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:messaging"] = uri });
        callerBuilder.AddRabbitMqMessaging("messaging").AddRpcClient();
        var caller = callerBuilder.Build();
        await caller.StartAsync();
        await WaitForAsync(async () =>
        {
            var report = await caller.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
            return report.Status == HealthStatus.Healthy ? report : null;
        });
        return new RpcStack(broker, virtualHost, uri, service, caller);
    }

    private sealed class ServiceInstance(DetectionServiceFactory instance) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => instance.DisposeAsync();
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> poll) where T : class
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (await poll() is { } value)
            {
                return value;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The awaited message did not arrive.");
    }

    private sealed class RpcStack(RabbitMqServer broker, string virtualHost, string uri, DetectionServiceFactory service, IHost caller)
        : IAsyncDisposable
    {
        public IRpcClient Client => caller.Services.GetRequiredService<IRpcClient>();

        public string VirtualHostUri => uri;

        public Task WaitForDeadLettersAsync(int count) => WaitForQueueColumnAsync(Queue + ".dlq", "messages", count);

        public async Task<int> DeadLetterCountAsync() => await QueueColumnAsync(Queue + ".dlq", "messages") ?? 0;

        public Task WaitForConsumersAsync(int count) => WaitForQueueColumnAsync(Queue, "consumers", count);

        public ServiceInstance StartSecondInstance(string model)
        {
            var instance = new DetectionServiceFactory(
                TestModels.PathOf(model), new Dictionary<string, string?> { ["ConnectionStrings:messaging"] = uri });
            instance.StartServer();
            return new ServiceInstance(instance);
        }

        private async Task WaitForQueueColumnAsync(string queue, string column, int atLeast) =>
            await WaitForAsync(async () => await QueueColumnAsync(queue, column) is { } value && value >= atLeast ? queue : null);

        private async Task<int?> QueueColumnAsync(string queue, string column)
        {
            var listing = await broker.RabbitMqCtlAsync(["list_queues", "-p", virtualHost, "--quiet", "name", column]);
            var line = listing.Split('\n').Select(l => l.Split('\t', StringSplitOptions.TrimEntries))
                .FirstOrDefault(columns => columns.Length == 2 && columns[0] == queue);
            return line is null ? null : int.Parse(line[1], System.Globalization.CultureInfo.InvariantCulture);
        }

        public async ValueTask DisposeAsync()
        {
            await caller.StopAsync();
            caller.Dispose();
            await service.DisposeAsync();
        }
    }
}
