using IceCheckout.Messaging;

namespace IceCheckout.Cart.IntegrationEvents;

/// <summary>An order's payment succeeded; Catalog turns its stock reservation into a sale.</summary>
[RoutingKey("orders.order.paid")]
public sealed record OrderPaidIntegrationEvent(Guid OrderId, IReadOnlyList<OrderEventLine> Lines, int Total) : IntegrationEvent;

/// <summary>A paid order was refunded; with <paramref name="Restock"/> Catalog puts its products back in stock.</summary>
[RoutingKey("orders.order.refunded")]
public sealed record OrderRefundedIntegrationEvent(Guid OrderId, IReadOnlyList<OrderEventLine> Lines, int Total, bool Restock) : IntegrationEvent;

public sealed record OrderEventLine(int ProductId, string Sku, int Quantity);
