using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using IceCheckout.Messaging;
using Microsoft.EntityFrameworkCore;

namespace IceCheckout.Outbox;

public static class OutboxDbContextExtensions
{
    /// <summary>Adds the event to the outbox; the next SaveChanges stores it in the same transaction as the change.</summary>
    public static void AddIntegrationEvent<TEvent>(this DbContext context, TEvent integrationEvent) where TEvent : IntegrationEvent
    {
        var routingKey = typeof(TEvent).GetCustomAttribute<RoutingKeyAttribute>()?.RoutingKey
            ?? throw new InvalidOperationException($"{typeof(TEvent).Name} has no [RoutingKey].");
        var activity = Activity.Current;
        context.Set<OutboxMessage>().Add(new OutboxMessage
        {
            MessageId = integrationEvent.Id,
            RoutingKey = routingKey,
            Payload = JsonSerializer.Serialize(integrationEvent, JsonSerializerOptions.Web),
            TraceParent = activity?.IdFormat == ActivityIdFormat.W3C ? activity.Id : null,
            TraceState = activity?.TraceStateString,
            CreatedAt = integrationEvent.CreatedAt,
            AvailableAt = integrationEvent.CreatedAt,
        });
    }
}
