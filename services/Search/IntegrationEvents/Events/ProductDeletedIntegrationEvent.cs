using IceCheckout.Messaging;

namespace IceCheckout.Search.IntegrationEvents.Events;

/// <summary>Catalog deleted a product (soft delete: its id and SKU stay taken).</summary>
[RoutingKey("catalog.product.deleted")]
public sealed record ProductDeletedIntegrationEvent(int ProductId, string Sku, int Version) : IntegrationEvent;
