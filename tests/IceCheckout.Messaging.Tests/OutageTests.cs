using IceCheckout.Messaging.Tests.Support;
using IceCheckout.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace IceCheckout.Messaging.Tests;

/// <summary>Stops and restarts its own broker, so it shares it with no other test class.</summary>
public sealed class OutageTests(RabbitMqServer broker) : IClassFixture<RabbitMqServer>, IAsyncLifetime
{
    private const string RoutingKey = "test.product.changed";
    private const int MessagesEachSide = 200;
    private readonly TestNames _names = TestNames.Unique();
    private readonly Received<HandledEvent> _received = new();
    private readonly Received<HandledEvent> _receivedLater = new();
    private bool _brokerStopped;

    private Task<IHost> StartServiceAsync(Received<HandledEvent> received, string? serviceName = null) => MessagingHost.StartAsync(
        broker.ConnectionString,
        _names,
        messaging => messaging
            .AddEventHandler<ProductChangedIntegrationEvent, RecordingEventHandler>()
            .AddRpcClient()
            .AddRpcWorker<EchoRequest, EchoResponse, EchoRpcHandler>(_names.RpcQueue),
        services => services.AddSingleton(received).AddSingleton(new Received<HandledRequest>()).AddSingleton(new WorkerName("echo")),
        serviceName);

    private async Task StopBrokerAsync()
    {
        _brokerStopped = true;
        await broker.StopAsync();
    }

    private async Task StartBrokerAsync()
    {
        await broker.StartAsync();
        _brokerStopped = false;
    }

    /// <summary>Publishes until the broker confirms, as an outbox relay would after an outage.</summary>
    private static async Task PublishWhenBackAsync(IEventPublisher publisher, IntegrationEvent integrationEvent)
    {
        using var timeout = new CancellationTokenSource(MessagingHost.Patience);
        while (true)
        {
            try
            {
                await publisher.PublishAsync(integrationEvent, timeout.Token);
                return;
            }
            catch (MessagingUnavailableException)
            {
                await Task.Delay(200, timeout.Token);
            }
        }
    }

    [Fact]
    public async Task Health_is_healthy_with_the_broker_up_and_unhealthy_with_it_stopped()
    {
        using var host = await StartServiceAsync(_received);
        await host.WaitForHealthAsync(HealthStatus.Healthy);

        await StopBrokerAsync();
        await host.WaitForHealthAsync(HealthStatus.Unhealthy);
        var down = await MessagingEntryAsync(host);
        Assert.Equal("Not connected to RabbitMQ; reconnecting.", down.Description);
        await Assert.ThrowsAsync<MessagingUnavailableException>(
            () => host.Services.GetRequiredService<IEventPublisher>().PublishAsync(new ProductChangedIntegrationEvent("Nobody listens")));

        await StartBrokerAsync();
        await host.WaitForHealthAsync(HealthStatus.Healthy);
        Assert.Equal("Connected to RabbitMQ.", (await MessagingEntryAsync(host)).Description);
        await host.StopAsync();
    }

    [Fact]
    public async Task Service_starts_while_the_broker_is_down_and_works_once_it_is_up()
    {
        await StopBrokerAsync();
        using var host = await StartServiceAsync(_received);

        Assert.Equal(HealthStatus.Unhealthy, await host.MessagingHealthAsync());
        var publisher = host.Services.GetRequiredService<IEventPublisher>();
        await Assert.ThrowsAsync<MessagingUnavailableException>(() => publisher.PublishAsync(new ProductChangedIntegrationEvent("Too early")));

        await StartBrokerAsync();
        await host.WaitForHealthAsync(HealthStatus.Healthy);
        await broker.WaitForQueueConsumersAsync(_names.EventQueue(RoutingKey), 1);
        var published = new ProductChangedIntegrationEvent("On time");
        await PublishWhenBackAsync(publisher, published);
        await _received.WaitForAsync(h => h.Event.Id == published.Id);
        await host.StopAsync();
    }

    [Fact]
    public async Task Broker_restart_loses_nothing_confirmed_and_publishing_and_consuming_resume()
    {
        // A second subscriber that is offline during the restart: its queue must keep what was confirmed.
        using (var offline = await StartServiceAsync(_receivedLater, "offline"))
        {
            await broker.WaitForQueueConsumersAsync(_names.EventQueue(RoutingKey, "offline"), 1);
            await offline.StopAsync();
        }

        using var host = await StartServiceAsync(_received);
        await broker.WaitForQueueConsumersAsync(_names.EventQueue(RoutingKey), 1);
        var publisher = host.Services.GetRequiredService<IEventPublisher>();
        var confirmed = new List<ProductChangedIntegrationEvent>();
        var beforeOutage = Enumerable.Range(0, MessagesEachSide).Select(i => new ProductChangedIntegrationEvent($"Before {i}")).ToList();
        await Task.WhenAll(beforeOutage.Select(e => publisher.PublishAsync(e)));
        confirmed.AddRange(beforeOutage);
        foreach (var integrationEvent in beforeOutage)
        {
            await _received.WaitForAsync(h => h.Event.Id == integrationEvent.Id);
        }

        await StopBrokerAsync();
        await host.WaitForHealthAsync(HealthStatus.Unhealthy);
        var duringOutage = new ProductChangedIntegrationEvent("During");
        await Assert.ThrowsAsync<MessagingUnavailableException>(() => publisher.PublishAsync(duringOutage));

        await StartBrokerAsync();
        var afterOutage = Enumerable.Range(0, MessagesEachSide).Select(i => new ProductChangedIntegrationEvent($"After {i}")).ToList();
        await PublishWhenBackAsync(publisher, afterOutage[0]);
        await Task.WhenAll(afterOutage.Skip(1).Select(e => publisher.PublishAsync(e)));
        confirmed.AddRange(afterOutage);

        // The running consumer resumed after recovery, and so did request/reply.
        foreach (var integrationEvent in afterOutage)
        {
            await _received.WaitForAsync(h => h.Event.Id == integrationEvent.Id);
        }

        var reply = await CallWhenBackAsync(host.Services.GetRequiredService<IRpcClient>(), _names.RpcQueue, new EchoRequest("after"));
        Assert.Equal(new EchoResponse("AFTER", "echo"), reply);

        // The offline subscriber gets everything that was confirmed, across the restart.
        using var backOnline = await StartServiceAsync(_receivedLater, "offline");
        foreach (var integrationEvent in confirmed)
        {
            await _receivedLater.WaitForAsync(h => h.Event.Id == integrationEvent.Id);
        }

        Assert.Equal(confirmed.Select(e => e.Id).Order(), _receivedLater.Items.Select(h => h.Event.Id).Distinct().Order());
        Assert.DoesNotContain(_receivedLater.Items, h => h.Event.Id == duringOutage.Id);
        await backOnline.StopAsync();
        await host.StopAsync();
    }

    /// <summary>Calls until a reply comes, as a caller retrying after an outage would.</summary>
    private static async Task<EchoResponse> CallWhenBackAsync(IRpcClient client, string queue, EchoRequest request)
    {
        using var timeout = new CancellationTokenSource(MessagingHost.Patience);
        while (true)
        {
            try
            {
                return await client.CallAsync<EchoRequest, EchoResponse>(queue, request, TimeSpan.FromSeconds(2), timeout.Token);
            }
            catch (Exception ex) when (ex is MessagingUnavailableException or RpcTimeoutException)
            {
                await Task.Delay(200, timeout.Token);
            }
        }
    }

    private static async Task<HealthReportEntry> MessagingEntryAsync(IHost host) =>
        (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Name == "messaging")).Entries["messaging"];

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>A failed test must not leave the broker down for the next one.</summary>
    public async Task DisposeAsync()
    {
        if (_brokerStopped)
        {
            await broker.StartAsync();
        }
    }
}
