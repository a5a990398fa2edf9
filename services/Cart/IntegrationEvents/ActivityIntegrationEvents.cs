using IceCheckout.Messaging;

namespace IceCheckout.Cart.IntegrationEvents;

/// <summary>A tray was scanned into a cart: what the scan put on it (its scanned lines), for the store's "popular now" and "goes well with".</summary>
[RoutingKey("carts.cart.scanned")]
public sealed record CartScannedIntegrationEvent(Guid CartId, Guid ScanId, IReadOnlyList<ScannedProduct> Products, string? ChecklistCode) : IntegrationEvent;

public sealed record ScannedProduct(int ProductId, int Quantity);

/// <summary>A product was put on a checklist that did not hold it yet.</summary>
[RoutingKey("checklists.item.added")]
public sealed record ChecklistItemAddedIntegrationEvent(string ChecklistCode, int ProductId, int Quantity) : IntegrationEvent;
