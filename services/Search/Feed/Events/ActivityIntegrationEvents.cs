using IceCheckout.Messaging;

namespace IceCheckout.Search.Feed.Events;

// Search's copies of the activity events it learns from (the fields it uses).

/// <summary>An order was paid (Cart, through its outbox).</summary>
[RoutingKey("orders.order.paid")]
public sealed record OrderPaidIntegrationEvent(Guid OrderId, IReadOnlyList<OrderPaidLine> Lines) : IntegrationEvent;

public sealed record OrderPaidLine(int ProductId, int Quantity);

/// <summary>A tray was scanned into a cart: the cart's scanned lines after the scan.</summary>
[RoutingKey("carts.cart.scanned")]
public sealed record CartScannedIntegrationEvent(Guid CartId, Guid ScanId, IReadOnlyList<ScannedProduct> Products, string? ChecklistCode) : IntegrationEvent;

public sealed record ScannedProduct(int ProductId, int Quantity);

/// <summary>A product was put on a checklist that did not hold it yet.</summary>
[RoutingKey("checklists.item.added")]
public sealed record ChecklistItemAddedIntegrationEvent(string ChecklistCode, int ProductId, int Quantity) : IntegrationEvent;
