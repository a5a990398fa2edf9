using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using IceCheckout.Catalog.Model;
using IceCheckout.Messaging;

namespace IceCheckout.Catalog.Infrastructure.Outbox;

public static class OutboxExtensions
{
    /// <summary>Adds the event to the outbox; it is stored by the same SaveChanges, in the same transaction, as the change.</summary>
    public static void AddIntegrationEvent<TEvent>(this CatalogContext context, TEvent integrationEvent) where TEvent : IntegrationEvent
    {
        var routingKey = typeof(TEvent).GetCustomAttribute<RoutingKeyAttribute>()?.RoutingKey
            ?? throw new InvalidOperationException($"{typeof(TEvent).Name} has no [RoutingKey].");
        var activity = Activity.Current;
        context.OutboxMessages.Add(new OutboxMessage
        {
            MessageId = integrationEvent.Id,
            RoutingKey = routingKey,
            Payload = JsonSerializer.Serialize(integrationEvent, JsonSerializerOptions.Web),
            TraceParent = activity?.IdFormat == ActivityIdFormat.W3C ? activity.Id : null,
            TraceState = activity?.TraceStateString,
            CreatedAt = integrationEvent.CreatedAt,
        });
    }
}
