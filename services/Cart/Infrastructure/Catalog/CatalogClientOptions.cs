namespace IceCheckout.Cart.Infrastructure.Catalog;

public sealed class CatalogClientOptions
{
    public const string SectionName = "Cart:Catalog";

    /// <summary>Resolved through service discovery (<c>services:catalog:http:0</c>).</summary>
    public Uri BaseAddress { get; set; } = new("http://catalog");

    /// <summary>Cart's key for Catalog's stock reservations (one of Catalog's <c>Catalog:Services:ApiKeys</c>).</summary>
    public string? ServiceKey { get; set; }

    /// <summary>How long a product read from Catalog is reused; a <c>catalog.product.*</c> event drops it sooner.</summary>
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most one call to Catalog may take, retries included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}
