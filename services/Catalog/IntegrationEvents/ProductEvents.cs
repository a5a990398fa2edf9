using IceCheckout.Catalog.IntegrationEvents.Events;
using IceCheckout.Catalog.Model;

namespace IceCheckout.Catalog.IntegrationEvents;

public static class ProductEvents
{
    /// <summary>The product's state as of this change; the category must be loaded.</summary>
    public static ProductUpsertedIntegrationEvent Upserted(Product product) => new(
        product.Id,
        product.Sku,
        product.DetectionLabel,
        product.NameKo,
        product.NameEn,
        product.Brand,
        product.Category?.Slug ?? throw new InvalidOperationException("Load the product's category before announcing it."),
        product.Price,
        product.Stock,
        product.IsActive,
        ProductItem.ImageUrlOf(product.Id, product.ImageETag),
        product.Version,
        product.UpdatedAt);

    public static ProductDeletedIntegrationEvent Deleted(Product product) =>
        new(product.Id, product.Sku, product.DetectionLabel, product.Version);
}
