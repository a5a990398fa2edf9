using IceCheckout.Messaging.Tests.Support;
using IceCheckout.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IceCheckout.Messaging.Tests;

[Collection(RabbitMqCollection.Name)]
public sealed class EventTests(RabbitMqServer broker)
{
    private readonly TestNames _names = TestNames.Unique();
    private readonly Received<HandledEvent> _received = new();

    private Task<IHost> StartServiceAsync(string? serviceName = null) => MessagingHost.StartAsync(
        broker.ConnectionString,
        _names,
        messaging => messaging.AddEventHandler<ProductChangedIntegrationEvent, RecordingEventHandler>(),
        services => services.AddSingleton(_received),
        serviceName);

    [Fact]
    public async Task Published_event_is_consumed()
    {
        using var host = await StartServiceAsync();
        await host.WaitForQueueConsumersAsync(broker, _names.EventQueue("test.product.changed"), 1);

        var published = new ProductChangedIntegrationEvent("Melona");
        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync(published);

        var handled = await _received.WaitForAsync(h => h.Event.Id == published.Id);
        Assert.Equal(published, handled.Event);
        await host.StopAsync();
    }
}
