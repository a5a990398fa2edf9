namespace IceCheckout.Catalog.Model;

public sealed record CreateProductRequest(
    string? Sku,
    string? DetectionLabel,
    string? NameKo,
    string? NameEn,
    string? Brand,
    string? Category,
    int Price,
    int Stock,
    bool IsActive = true);

/// <summary>Replaces a product's descriptive fields. <see cref="Version"/> is the one the caller read; a stale one gets 409.
/// Stock is changed only through stock adjustments, which carry a reason.</summary>
public sealed record UpdateProductRequest(
    string? Sku,
    string? DetectionLabel,
    string? NameKo,
    string? NameEn,
    string? Brand,
    string? Category,
    int Price,
    bool IsActive,
    int Version);

public sealed record SetPriceRequest(int Price);

public sealed record AdjustStockRequest(int Delta, string? Reason);
