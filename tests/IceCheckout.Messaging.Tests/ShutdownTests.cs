using IceCheckout.Messaging.Tests.Support;
using IceCheckout.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IceCheckout.Messaging.Tests;

[Collection(RabbitMqCollection.Name)]
public sealed class ShutdownTests(RabbitMqServer broker)
{
    [Fact]
    public async Task Stop_returns_only_after_a_handler_call_that_outlived_the_shutdown_timeout_has_ended()
    {
        var names = TestNames.Unique();
        var received = new Received<HandledEvent>();
        var hold = new HoldSwitch { IgnoreCancellation = true, HoldFor = TimeSpan.FromSeconds(2) };
        var host = await MessagingHost.StartAsync(
            broker.ConnectionString,
            names,
            messaging => messaging.AddEventHandler<ProductChangedIntegrationEvent, HoldingEventHandler>(),
            services => services
                .AddSingleton(received)
                .AddSingleton(hold)
                .Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(200)));
        await broker.WaitForQueueConsumersAsync(names.EventQueue("test.product.changed"), 1);
        var published = new ProductChangedIntegrationEvent("Slow to let go");
        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync(published);
        await received.WaitForAsync(h => h.Event.Id == published.Id);

        await host.StopAsync();

        Assert.True(hold.Finished.Task.IsCompleted, "the handler call was still running when the host stopped");
        host.Dispose();
    }

    [Fact]
    public async Task An_event_being_handled_at_shutdown_goes_back_to_its_queue_and_the_next_consumer_gets_it()
    {
        var names = TestNames.Unique();
        var queue = names.EventQueue("test.product.changed");
        var received = new Received<HandledEvent>();
        var host = await MessagingHost.StartAsync(
            broker.ConnectionString,
            names,
            messaging => messaging.AddEventHandler<ProductChangedIntegrationEvent, HoldingEventHandler>(),
            services => services.AddSingleton(received).AddSingleton(new HoldSwitch()));
        await broker.WaitForQueueConsumersAsync(queue, 1);
        var published = new ProductChangedIntegrationEvent("Caught mid-scoop");
        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync(published);
        await received.WaitForAsync(h => h.Event.Id == published.Id);

        await host.StopAsync();
        host.Dispose();

        // Neither acknowledged nor dead-lettered: waiting in the queue again.
        await broker.WaitForQueueMessagesAsync(queue, 1);
        Assert.Equal(0u, await broker.MessageCountAsync(TestNames.DeadLetterQueue(queue)));
        var next = new Received<HandledEvent>();
        using var successor = await MessagingHost.StartAsync(
            broker.ConnectionString,
            names,
            messaging => messaging.AddEventHandler<ProductChangedIntegrationEvent, RecordingEventHandler>(),
            services => services.AddSingleton(next));
        var handled = await next.WaitForAsync(h => h.Event.Id == published.Id);
        Assert.Equal(published, handled.Event);
        await successor.StopAsync();
    }
}
