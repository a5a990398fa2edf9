using System.Text;
using IceCheckout.Messaging.Tests.Support;
using IceCheckout.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IceCheckout.Messaging.Tests;

/// <summary>Handler failures are retried later, with growing pauses, and counted by the library itself.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class RetryTests(RabbitMqServer broker)
{
    private const string RoutingKey = "test.product.changed";
    private static readonly TimeSpan s_firstDelay = TimeSpan.FromMilliseconds(300);
    private readonly TestNames _names = TestNames.Unique();
    private readonly Received<HandledEvent> _received = new();

    private string Queue => _names.EventQueue(RoutingKey);

    private async Task<IHost> StartAsync<THandler>(Action<IServiceCollection> services, int maxAttempts = 3)
        where THandler : class, IIntegrationEventHandler<ProductChangedIntegrationEvent>
    {
        var host = await MessagingHost.StartAsync(
            broker.ConnectionString,
            _names,
            messaging => messaging.AddEventHandler<ProductChangedIntegrationEvent, THandler>(),
            collection =>
            {
                collection.AddSingleton(_received);
                collection.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(500));
                services(collection);
            },
            settings: new Dictionary<string, string?>
            {
                ["Messaging:MaxDeliveryAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Messaging:RetryDelay"] = s_firstDelay.ToString(),
            });
        await broker.WaitForQueueConsumersAsync(Queue, 1);
        return host;
    }

    [Fact]
    public async Task A_transient_failure_is_retried_after_a_pause_that_grows_and_the_event_is_not_dead_lettered()
    {
        var flaky = new FlakySwitch(failures: 2);
        using var host = await StartAsync<FlakyEventHandler>(services => services.AddSingleton(flaky));

        var published = new ProductChangedIntegrationEvent("Blip");
        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync(published);

        await _received.WaitForAsync(h => h.Event.Id == published.Id && flaky.Attempts.Count == 3);
        var attempts = flaky.Attempts.Order().ToList();
        var firstPause = attempts[1] - attempts[0];
        var secondPause = attempts[2] - attempts[1];
        Assert.True(firstPause >= s_firstDelay, $"retried after {firstPause.TotalMilliseconds} ms");
        Assert.True(secondPause >= 2 * s_firstDelay, $"retried again after {secondPause.TotalMilliseconds} ms");
        await host.StopAsync();
        Assert.Equal(0u, await broker.MessageCountAsync(TestNames.DeadLetterQueue(Queue)));
        Assert.Equal(3, flaky.Attempts.Count);
    }

    [Fact]
    public async Task Attempts_are_counted_by_the_library_so_the_dead_lettered_message_says_how_often_it_was_tried()
    {
        using var host = await StartAsync<RecordingEventHandler>(_ => { }, maxAttempts: 3);

        var failing = new ProductChangedIntegrationEvent("Always broken", FailHandling: true);
        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync(failing);

        var deadLettered = await broker.WaitForMessageAsync(TestNames.DeadLetterQueue(Queue));
        Assert.Equal(failing.Id.ToString(), deadLettered.BasicProperties.MessageId);
        Assert.Equal(3, _received.Items.Count(h => h.Event.Id == failing.Id));
        var attempt = deadLettered.BasicProperties.Headers?["x-attempt"];
        Assert.Equal("3", attempt switch { byte[] bytes => Encoding.UTF8.GetString(bytes), var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture) });
        await host.StopAsync();
    }

    [Fact]
    public async Task A_message_handed_back_at_shutdown_does_not_use_up_its_attempts()
    {
        var hold = new HoldSwitch();
        var published = new ProductChangedIntegrationEvent("Interrupted");
        for (var shutdown = 1; shutdown <= 3; shutdown++)
        {
            var seen = shutdown;
            using var host = await StartAsync<HoldingEventHandler>(services => services.AddSingleton(hold), maxAttempts: 2);
            if (shutdown == 1)
            {
                await host.Services.GetRequiredService<IEventPublisher>().PublishAsync(published);
            }

            await _received.WaitForAsync(_ => _received.Items.Count(h => h.Event.Id == published.Id) == seen);
            await host.StopAsync();
        }

        hold.Holding = false;
        using var last = await StartAsync<HoldingEventHandler>(services => services.AddSingleton(hold), maxAttempts: 2);
        await _received.WaitForAsync(_ => _received.Items.Count(h => h.Event.Id == published.Id) == 4);
        await last.StopAsync();
        Assert.Equal(0u, await broker.MessageCountAsync(TestNames.DeadLetterQueue(Queue)));
        Assert.Equal(0u, await broker.MessageCountAsync(Queue));
    }
}
