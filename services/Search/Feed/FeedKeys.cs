using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IceCheckout.Search.Feed;

/// <summary>The Redis keys of the feed, all under <see cref="FeedOptions.KeyPrefix"/>.</summary>
public sealed class FeedKeys(IOptions<FeedOptions> options)
{
    private string Prefix => options.Value.KeyPrefix;

    /// <summary>Sorted set of product id -> activity in the hour starting at <paramref name="hour"/> (UTC).</summary>
    public RedisKey PopularBucket(DateTimeOffset hour) => $"{Prefix}popular:{hour.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture)}";

    /// <summary>The buckets of the window that ends with the hour of <paramref name="now"/>, newest first.</summary>
    public RedisKey[] PopularWindow(DateTimeOffset now)
    {
        var hour = HourOf(now);
        return [.. Enumerable.Range(0, options.Value.PopularWindowHours).Select(back => PopularBucket(hour.AddHours(-back)))];
    }

    /// <summary>Prefix of the sorted sets "product -> how many paid orders held it with this one".</summary>
    public string PairsPrefix => $"{Prefix}pairs:";

    public RedisKey Pairs(int productId) => $"{PairsPrefix}{productId}";

    /// <summary>Set of every product that has a pairs set, so a rebuild can replace them all.</summary>
    public RedisKey PairedProducts => $"{Prefix}pairs-index";

    /// <summary>Set of the products a cart's last scan put on it.</summary>
    public RedisKey Cart(Guid cartId) => $"{Prefix}cart:{cartId:N}";

    /// <summary>Capped list of "suggested:because-of" product ids for a checklist, newest first.</summary>
    public RedisKey ChecklistSuggestions(string code) => $"{Prefix}checklist:{code}";

    /// <summary>Set of the products put on a checklist, never suggested back to it.</summary>
    public RedisKey ChecklistItems(string code) => $"{Prefix}checklist-items:{code}";

    /// <summary>Sorted set of normalised query -> searches sampled in the hour starting at <paramref name="hour"/>.</summary>
    public RedisKey QueryBucket(DateTimeOffset hour) => $"{Prefix}queries:{hour.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture)}";

    /// <summary>Hash of product id -> product card JSON (in-catalogue, active products only).</summary>
    public RedisKey Cards => $"{Prefix}cards";

    /// <summary>Hash of product id -> the Catalog version the card was written at, kept for hidden products too.</summary>
    public RedisKey CardVersions => $"{Prefix}card-versions";

    public RedisKey Processed(Guid eventId) => $"{Prefix}processed:{eventId:N}";

    public static DateTimeOffset HourOf(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}
