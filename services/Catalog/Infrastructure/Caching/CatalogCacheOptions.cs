namespace IceCheckout.Catalog.Infrastructure.Caching;

public sealed class CatalogCacheOptions
{
    public const string SectionName = "Catalog:Cache";

    public bool Enabled { get; set; } = true;

    /// <summary>Prefix of every key, so several catalogues may share one Redis.</summary>
    public string KeyPrefix { get; set; } = "catalog:";

    /// <summary>Upper bound on how long an entry lives; invalidation on change removes it sooner.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromMinutes(10);
}
