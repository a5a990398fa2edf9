namespace IceCheckout.Catalog.Infrastructure.Caching;

public sealed class CatalogCacheOptions
{
    public const string SectionName = "Catalog:Cache";

    public bool Enabled { get; set; } = true;

    /// <summary>Upper bound on how long an entry lives; invalidation on change removes it sooner.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromMinutes(10);
}
