using IceCheckout.Messaging;

namespace IceCheckout.Catalog.IntegrationEvents.Events;

[RoutingKey("catalog.product.deleted")]
public sealed record ProductDeletedIntegrationEvent(
    int ProductId,
    string Sku,
    string? DetectionLabel,
    int Version) : IntegrationEvent;
