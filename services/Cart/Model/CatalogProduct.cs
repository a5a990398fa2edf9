namespace IceCheckout.Cart.Model;

/// <summary>The fields of a Catalog product that Cart shows and prices with.</summary>
public sealed record CatalogProduct(
    int Id,
    string Sku,
    string? DetectionLabel,
    string NameKo,
    string NameEn,
    int Price,
    int Stock,
    bool IsActive,
    string? ImageUrl);
