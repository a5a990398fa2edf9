using IceCheckout.Search.Model;

namespace IceCheckout.Search.Catalog;

/// <summary>A product as Catalog's list API returns it (the fields Search uses).</summary>
public sealed record CatalogProduct(
    int Id,
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
    DateTimeOffset UpdatedAt)
{
    public ProductDocument ToDocument() =>
        new(Id, Sku, NameKo, NameEn, Brand, Category, Price, Stock, ImageUrl, IsActive, Version, UpdatedAt);
}

public sealed record CatalogProductPage(int PageIndex, int PageSize, long Count, IReadOnlyList<CatalogProduct> Data);
