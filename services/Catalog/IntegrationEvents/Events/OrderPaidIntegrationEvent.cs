using IceCheckout.Messaging;

namespace IceCheckout.Catalog.IntegrationEvents.Events;

/// <summary>Published by Cart once an order's payment succeeded; Catalog turns the order's stock reservation into a sale.</summary>
[RoutingKey("orders.order.paid")]
public sealed record OrderPaidIntegrationEvent(
    Guid OrderId,
    IReadOnlyList<OrderPaidLine> Lines,
    int Total) : IntegrationEvent;

public sealed record OrderPaidLine(int ProductId, string Sku, int Quantity);
