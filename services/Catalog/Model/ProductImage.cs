namespace IceCheckout.Catalog.Model;

public class ProductImage
{
    public int ProductId { get; set; }

    public required string ContentType { get; set; }

    public required byte[] Data { get; set; }

    /// <summary>Hex SHA-256 of <see cref="Data"/>, served as the strong ETag.</summary>
    public required string ETag { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    /// <summary>True for the generated stand-in image; seeding replaces it once the real package art exists.</summary>
    public bool IsPlaceholder { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
