using IceCheckout.Messaging;

namespace IceCheckout.Catalog.IntegrationEvents.Events;

/// <summary>Published by Cart when a paid order is refunded; with <see cref="Restock"/> the goods came back and are sold again.</summary>
[RoutingKey("orders.order.refunded")]
public sealed record OrderRefundedIntegrationEvent(
    Guid OrderId,
    IReadOnlyList<OrderPaidLine> Lines,
    int Total,
    bool Restock) : IntegrationEvent;
