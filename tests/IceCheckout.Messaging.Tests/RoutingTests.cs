using IceCheckout.Messaging.Tests.Support;
using IceCheckout.Testing;
using RabbitMQ.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace IceCheckout.Messaging.Tests;

/// <summary>A message no queue takes is an error its sender sees, never a confirm.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class RoutingTests(RabbitMqServer broker)
{
    private readonly TestNames _names = TestNames.Unique();

    private async Task<IHost> StartAsync(Action<MessagingBuilder>? configure = null, string serviceName = "sender")
    {
        var host = await MessagingHost.StartAsync(broker.ConnectionString, _names, configure, serviceName: serviceName);
        await host.WaitForHealthAsync(HealthStatus.Healthy);
        return host;
    }

    [Fact]
    public async Task Publishing_an_event_no_queue_is_bound_for_fails_instead_of_being_confirmed()
    {
        using var host = await StartAsync();

        var error = await Assert.ThrowsAsync<MessageUnroutableException>(() =>
            host.Services.GetRequiredService<IEventPublisher>().PublishAsync(new ProductChangedIntegrationEvent("Nobody listens")));

        Assert.Contains("test.product.changed", error.Message, StringComparison.Ordinal);
        await host.StopAsync();
    }

    [Fact]
    public async Task Rpc_to_a_queue_deleted_after_the_first_call_fails_at_once_and_the_next_call_declares_it_again()
    {
        using var caller = await StartAsync(messaging => messaging.AddRpcClient());
        var client = caller.Services.GetRequiredService<IRpcClient>();
        await Assert.ThrowsAsync<RpcTimeoutException>(() =>
            client.CallAsync<EchoRequest, EchoResponse>(_names.RpcQueue, new EchoRequest("declares"), TimeSpan.FromMilliseconds(200)));

        await using (var connection = await broker.ConnectAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeleteAsync(_names.RpcQueue);
        }

        await Assert.ThrowsAsync<MessageUnroutableException>(() =>
            client.CallAsync<EchoRequest, EchoResponse>(_names.RpcQueue, new EchoRequest("lost?"), TimeSpan.FromMinutes(2)));

        var waiting = client.CallAsync<EchoRequest, EchoResponse>(_names.RpcQueue, new EchoRequest("queued again"), TimeSpan.FromSeconds(30));
        await broker.WaitForQueueMessagesAsync(_names.RpcQueue, 1);
        using var worker = await MessagingHost.StartAsync(
            broker.ConnectionString,
            _names,
            messaging => messaging.AddRpcWorker<EchoRequest, EchoResponse, EchoRpcHandler>(_names.RpcQueue),
            services => services.AddSingleton(new WorkerName("back")).AddSingleton(new Received<HandledRequest>()),
            serviceName: "worker");
        Assert.Equal(new EchoResponse("QUEUED AGAIN", "back"), await waiting);
        await worker.StopAsync();
        await caller.StopAsync();
    }

    [Fact]
    public async Task A_publisher_declares_the_queues_of_its_known_subscribers_so_an_event_sent_before_they_ever_ran_waits_for_them()
    {
        const string subscriber = "first-time";
        using var publisher = await StartAsync(messaging => messaging.DeclareSubscribers<ProductChangedIntegrationEvent>(subscriber));
        var published = new ProductChangedIntegrationEvent("Before anyone listened");
        await publisher.Services.GetRequiredService<IEventPublisher>().PublishAsync(published);

        var received = new Received<HandledEvent>();
        using var subscribing = await MessagingHost.StartAsync(
            broker.ConnectionString,
            _names,
            messaging => messaging.AddEventHandler<ProductChangedIntegrationEvent, RecordingEventHandler>(),
            services => services.AddSingleton(received),
            serviceName: subscriber);

        var handled = await received.WaitForAsync(h => h.Event.Id == published.Id);
        Assert.Equal(published, handled.Event);
        await subscribing.StopAsync();
        await publisher.StopAsync();
    }
}
