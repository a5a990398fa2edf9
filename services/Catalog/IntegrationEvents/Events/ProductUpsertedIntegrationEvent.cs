using IceCheckout.Messaging;

namespace IceCheckout.Catalog.IntegrationEvents.Events;

/// <summary>A product was created or changed. Consumers keep the highest <see cref="Version"/> they have seen per product.</summary>
[RoutingKey("catalog.product.upserted")]
public sealed record ProductUpsertedIntegrationEvent(
    int ProductId,
    string Sku,
    string? DetectionLabel,
    string NameKo,
    string NameEn,
    string Brand,
    string Category,
    int Price,
    int Stock,
    bool IsActive,
    string? ImageUrl,
    int Version,
    DateTimeOffset UpdatedAt) : IntegrationEvent;
