namespace IceCheckout.Catalog.Infrastructure.Seed;

/// <summary>The shape of <c>products.json</c>, which the detection data generator reads too.</summary>
public sealed record SeedFile(IReadOnlyList<SeedCategory> Categories, IReadOnlyList<SeedProduct> Products);

public sealed record SeedCategory(string Slug, string NameKo, string NameEn);

public sealed record SeedProduct(
    string Sku,
    string Label,
    string NameKo,
    string NameEn,
    string Brand,
    string Category,
    int Price,
    int Stock);
