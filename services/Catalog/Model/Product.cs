namespace IceCheckout.Catalog.Model;

public class Product
{
    public int Id { get; set; }

    public required string Sku { get; set; }

    /// <summary>The class name the detection model uses for this product; null while the model does not know it.</summary>
    public string? DetectionLabel { get; set; }

    public required string NameKo { get; set; }

    public required string NameEn { get; set; }

    public required string Brand { get; set; }

    public int CategoryId { get; set; }

    public Category? Category { get; set; }

    /// <summary>Price in Korean won (KRW has no minor unit).</summary>
    public int Price { get; set; }

    public int Stock { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Set by a soft delete; a deleted product is invisible to the public API and keeps its SKU.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>Content hash of the product image; null when the product has none.</summary>
    public string? ImageETag { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency token, incremented by every change.</summary>
    public int Version { get; set; }
}
