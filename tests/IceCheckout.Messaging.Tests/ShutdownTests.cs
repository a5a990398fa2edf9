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
}
