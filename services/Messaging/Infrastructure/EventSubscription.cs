using Microsoft.Extensions.DependencyInjection;

namespace IceCheckout.Messaging.Infrastructure;

/// <summary>One event this service consumes: its routing key and how a message body reaches its handler.</summary>
internal sealed record EventSubscription(
    string RoutingKey,
    Func<IServiceProvider, ReadOnlyMemory<byte>, CancellationToken, Task> HandleAsync)
{
    public static EventSubscription For<TEvent>(string routingKey) where TEvent : IntegrationEvent =>
        new(routingKey, async (services, body, cancellationToken) =>
        {
            var integrationEvent = MessagingJson.Deserialize<TEvent>(body);
            await using var scope = services.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetRequiredService<IIntegrationEventHandler<TEvent>>();
            await handler.HandleAsync(integrationEvent, cancellationToken);
        });
}
