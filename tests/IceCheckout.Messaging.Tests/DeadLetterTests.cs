using IceCheckout.Messaging.Tests.Support;
using IceCheckout.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace IceCheckout.Messaging.Tests;

/// <summary>Dead letters show in health, and staff can look at them, replay them and drop them.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class DeadLetterTests(RabbitMqServer broker)
{
    private readonly TestNames _names = TestNames.Unique();
    private readonly Received<HandledEvent> _received = new();

    private string Queue => _names.EventQueue("test.product.changed");

    private async Task<IHost> StartAsync(FlakySwitch flaky)
    {
        var host = await MessagingHost.StartAsync(
            broker.ConnectionString,
            _names,
            messaging => messaging.AddEventHandler<ProductChangedIntegrationEvent, FlakyEventHandler>(),
            services => services.AddSingleton(_received).AddSingleton(flaky));
        await broker.WaitForQueueConsumersAsync(Queue, 1);
        return host;
    }

    [Fact]
    public async Task A_dead_letter_makes_health_degraded_until_staff_replay_it_and_the_replayed_event_is_handled()
    {
        using var host = await StartAsync(new FlakySwitch(failures: 3));
        var deadLetters = host.Services.GetRequiredService<IDeadLetterQueues>();
        var failing = new ProductChangedIntegrationEvent("Fails three times");
        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync(failing);

        await broker.WaitForQueueMessagesAsync(TestNames.DeadLetterQueue(Queue), 1);
        Assert.Equal(HealthStatus.Degraded, await host.MessagingHealthAsync());
        var listed = Assert.Single(await deadLetters.ListAsync(CancellationToken.None));
        Assert.Equal(new DeadLetterQueueInfo(Queue, TestNames.DeadLetterQueue(Queue), 1), listed);
        var letter = Assert.Single(await deadLetters.PeekAsync(Queue, 10, CancellationToken.None));
        Assert.Equal(failing.Id.ToString(), letter.MessageId);
        Assert.Equal(3, letter.Attempts);
        Assert.Contains("Fails three times", letter.Body, StringComparison.Ordinal);
        Assert.Equal(1u, await broker.MessageCountAsync(TestNames.DeadLetterQueue(Queue)));

        Assert.Equal(1, await deadLetters.ReplayAsync(Queue, 10, CancellationToken.None));

        await _received.WaitForAsync(_ => _received.Items.Count(h => h.Event.Id == failing.Id) == 4);
        await host.WaitForHealthAsync(HealthStatus.Healthy);
        Assert.Equal(0u, await broker.MessageCountAsync(TestNames.DeadLetterQueue(Queue)));
        await host.StopAsync();
    }

    [Fact]
    public async Task Dropped_dead_letters_are_gone_and_never_handled_again()
    {
        using var host = await StartAsync(new FlakySwitch(failures: int.MaxValue));
        var deadLetters = host.Services.GetRequiredService<IDeadLetterQueues>();
        var publisher = host.Services.GetRequiredService<IEventPublisher>();
        await publisher.PublishAsync(new ProductChangedIntegrationEvent("First"));
        await publisher.PublishAsync(new ProductChangedIntegrationEvent("Second"));
        await broker.WaitForQueueMessagesAsync(TestNames.DeadLetterQueue(Queue), 2);

        Assert.Equal(2, await deadLetters.DropAsync(Queue, 10, CancellationToken.None));

        Assert.Equal(0u, await broker.MessageCountAsync(TestNames.DeadLetterQueue(Queue)));
        await host.WaitForHealthAsync(HealthStatus.Healthy);
        Assert.Equal(6, _received.Items.Count);
        await Assert.ThrowsAsync<ArgumentException>(() => deadLetters.DropAsync("someone.else", 1, CancellationToken.None));
        await host.StopAsync();
    }
}
