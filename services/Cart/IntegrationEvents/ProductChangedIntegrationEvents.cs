using IceCheckout.Messaging;

namespace IceCheckout.Cart.IntegrationEvents;

// Cart's copies of Catalog's product events, with the fields it needs to drop what it has cached.
[RoutingKey("catalog.product.upserted")]
public sealed record ProductUpsertedIntegrationEvent(int ProductId, string Sku, string? DetectionLabel) : IntegrationEvent;

[RoutingKey("catalog.product.deleted")]
public sealed record ProductDeletedIntegrationEvent(int ProductId, string Sku, string? DetectionLabel) : IntegrationEvent;
