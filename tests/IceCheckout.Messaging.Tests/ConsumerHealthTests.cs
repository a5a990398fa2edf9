using IceCheckout.Messaging.Tests.Support;
using IceCheckout.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace IceCheckout.Messaging.Tests;

/// <summary>A consumer that is gone shows in health; calls that wait for a reply that can no longer come fail at once.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class ConsumerHealthTests(RabbitMqServer broker)
{
    private const string RoutingKey = "test.product.changed";
    private readonly TestNames _names = TestNames.Unique();

    [Fact]
    public async Task A_consumer_that_cannot_be_set_up_again_makes_health_degraded_until_it_is_back()
    {
        var vhost = $"{_names.Prefix}-vhost";
        var connectionString = await broker.CreateVirtualHostAsync(vhost);
        var queue = _names.EventQueue(RoutingKey);
        using var host = await MessagingHost.StartAsync(
            connectionString,
            _names,
            messaging => messaging.AddEventHandler<ProductChangedIntegrationEvent, RecordingEventHandler>(),
            services => services.AddSingleton(new Received<HandledEvent>()));
        await host.WaitForHealthAsync(HealthStatus.Healthy);

        // Without permissions the consumer cannot declare its queue again once the broker dropped it.
        await broker.RabbitMqCtlAsync(["clear_permissions", "-p", vhost, "guest"]);
        await broker.RabbitMqCtlAsync(["delete_queue", "-p", vhost, queue]);
        await host.WaitForHealthAsync(HealthStatus.Degraded);

        await broker.RabbitMqCtlAsync(["set_permissions", "-p", vhost, "guest", ".*", ".*", ".*"]);
        await host.WaitForHealthAsync(HealthStatus.Healthy);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_pending_call_fails_at_once_when_its_reply_channel_is_lost_instead_of_waiting_its_timeout()
    {
        var received = new Received<HandledRequest>();
        using var worker = await MessagingHost.StartAsync(
            broker.ConnectionString,
            _names,
            messaging => messaging.AddRpcWorker<EchoRequest, EchoResponse, EchoRpcHandler>(_names.RpcQueue),
            services => services.AddSingleton(new WorkerName("slow")).AddSingleton(received),
            serviceName: "worker");
        await broker.WaitForQueueConsumersAsync(_names.RpcQueue, 1);
        using var caller = await MessagingHost.StartAsync(broker.ConnectionString, _names, messaging => messaging.AddRpcClient(), serviceName: "caller");
        await caller.WaitForHealthAsync(HealthStatus.Healthy);

        // The worker holds its reply far longer than rabbitmqctl can take to close the connections on a loaded machine.
        var call = caller.Services.GetRequiredService<IRpcClient>().CallAsync<EchoRequest, EchoResponse>(
            _names.RpcQueue, new EchoRequest("stranded", DelayMs: 20_000), TimeSpan.FromMinutes(5));
        await received.WaitForAsync(r => r.Request.Text == "stranded");
        await broker.RabbitMqCtlAsync(["close_all_connections", "test: reply channel lost"]);

        var error = await Assert.ThrowsAsync<MessagingUnavailableException>(() => call);
        Assert.Contains("reply", error.Message, StringComparison.OrdinalIgnoreCase);
        await caller.StopAsync();
        await worker.StopAsync();
    }
}
