namespace IceCheckout.Catalog.Model;

/// <summary>A product as the API shows it.</summary>
public sealed record ProductItem(
    int Id,
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
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ProductItem From(Product product, string categorySlug) => new(
        product.Id,
        product.Sku,
        product.DetectionLabel,
        product.NameKo,
        product.NameEn,
        product.Brand,
        categorySlug,
        product.Price,
        product.Stock,
        product.IsActive,
        ImageUrlOf(product.Id, product.ImageETag),
        product.Version,
        product.CreatedAt,
        product.UpdatedAt);

    /// <summary>The image URL carries the content hash, so a browser may cache it for long and still sees a new image at once.</summary>
    public static string? ImageUrlOf(int productId, string? imageETag) =>
        imageETag is null ? null : $"/api/catalog/products/{productId}/image?v={imageETag[..12]}";
}
