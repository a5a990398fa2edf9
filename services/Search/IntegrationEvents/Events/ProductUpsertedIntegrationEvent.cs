using IceCheckout.Messaging;
using IceCheckout.Search.Model;

namespace IceCheckout.Search.IntegrationEvents.Events;

/// <summary>Catalog created or changed a product (Search's copy of Catalog's event; the fields it uses).</summary>
[RoutingKey("catalog.product.upserted")]
public sealed record ProductUpsertedIntegrationEvent(
    int ProductId,
    string Sku,
    string NameKo,
    string NameEn,
    string Brand,
    string Category,
    int Price,
    int Stock,
    bool IsActive,
    string? ImageUrl,
    int Version,
    DateTimeOffset UpdatedAt) : IntegrationEvent
{
    public ProductDocument ToDocument() =>
        new(ProductId, Sku, NameKo, NameEn, Brand, Category, Price, Stock, ImageUrl, IsActive, Version, UpdatedAt);
}
