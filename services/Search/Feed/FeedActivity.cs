using IceCheckout.Messaging;
using IceCheckout.Search.Feed.Events;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IceCheckout.Search.Feed;

/// <summary>
/// The nearline half of the feed: each activity event becomes a few Redis writes, applied at most once per event id
/// (the writes and the processed-id marker go in one transaction or script, so a redelivery changes nothing).
/// </summary>
public sealed class FeedActivity(IConnectionMultiplexer redis, FeedKeys keys, IOptions<FeedOptions> options, TimeProvider time)
{
    // A scan counts each product once per cart, however often the tray is scanned again.
    private const string ScanScript = """
        if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then return 0 end
        redis.call('DEL', KEYS[2])
        for i = 5, #ARGV do
          redis.call('SADD', KEYS[2], ARGV[i])
          if redis.call('SADD', KEYS[3], ARGV[i]) == 1 and ARGV[4] == '1' then
            redis.call('ZINCRBY', KEYS[4], 1, ARGV[i])
          end
        end
        redis.call('PEXPIRE', KEYS[2], ARGV[2])
        redis.call('PEXPIRE', KEYS[3], ARGV[2])
        if ARGV[4] == '1' then redis.call('PEXPIRE', KEYS[4], ARGV[3]) end
        return 1
        """;

    private FeedOptions Options => options.Value;

    private IDatabase Database => redis.GetDatabase();

    /// <summary>Each unit sold adds one to its product in the event's hour; each pair of products in the order adds one to the pair.</summary>
    public Task<bool> RecordOrderPaidAsync(OrderPaidIntegrationEvent paid) => ApplyOnceAsync(paid, transaction =>
    {
        if (BucketOf(paid) is { } bucket)
        {
            foreach (var line in paid.Lines.Where(l => l.Quantity > 0))
            {
                _ = transaction.SortedSetIncrementAsync(bucket, line.ProductId, line.Quantity);
            }

            _ = transaction.KeyExpireAsync(bucket, BucketLifetime);
        }

        var products = paid.Lines.Where(l => l.Quantity > 0).Select(l => l.ProductId).Distinct().ToArray();
        foreach (var product in products)
        {
            foreach (var other in products.Where(p => p != product))
            {
                _ = transaction.SortedSetIncrementAsync(keys.Pairs(product), other, 1);
            }
        }

        if (products.Length > 1)
        {
            _ = transaction.SetAddAsync(keys.PairedProducts, [.. products.Select(p => (RedisValue)p)]);
        }
    });

    /// <summary>The cart's products become what the scan put on it; a product new to the cart adds one to "popular now".</summary>
    public async Task<bool> RecordCartScannedAsync(CartScannedIntegrationEvent scanned)
    {
        var bucket = BucketOf(scanned);
        RedisKey[] scriptKeys = [keys.Processed(scanned.Id), keys.Cart(scanned.CartId), $"{keys.Cart(scanned.CartId)}:counted", bucket ?? keys.PopularBucket(scanned.CreatedAt)];
        RedisValue[] arguments =
        [
            (long)Options.ProcessedEventLifetime.TotalMilliseconds,
            (long)Options.CartLifetime.TotalMilliseconds,
            (long)BucketLifetime.TotalMilliseconds,
            bucket is null ? "0" : "1",
            .. scanned.Products.Where(p => p.Quantity > 0).Select(p => (RedisValue)p.ProductId),
        ];
        return (int)await Database.ScriptEvaluateAsync(ScanScript, scriptKeys, arguments) == 1;
    }

    /// <summary>The products most often bought with the new item go to the head of the checklist's capped list.</summary>
    public async Task<bool> RecordChecklistItemAddedAsync(ChecklistItemAddedIntegrationEvent added)
    {
        var code = added.ChecklistCode.ToUpperInvariant();
        var partners = await Database.SortedSetRangeByRankAsync(keys.Pairs(added.ProductId), 0, Options.SuggestionsPerChecklistItem - 1, Order.Descending);
        return await ApplyOnceAsync(added, transaction =>
        {
            var itemsKey = keys.ChecklistItems(code);
            var listKey = keys.ChecklistSuggestions(code);
            _ = transaction.SetAddAsync(itemsKey, added.ProductId);
            _ = transaction.KeyExpireAsync(itemsKey, Options.ChecklistLifetime);
            if (partners.Length > 0)
            {
                // LPUSH puts its last value at the head: the best partner is pushed last.
                _ = transaction.ListLeftPushAsync(listKey, [.. partners.Reverse().Select(p => (RedisValue)$"{p}:{added.ProductId}")]);
                _ = transaction.ListTrimAsync(listKey, 0, Options.ChecklistSuggestionsLength - 1);
                _ = transaction.KeyExpireAsync(listKey, Options.ChecklistLifetime);
            }
        });
    }

    /// <summary>Counts the sampled query in its hour.</summary>
    public Task<bool> RecordQueryAsync(SearchQueryPerformedIntegrationEvent performed) => ApplyOnceAsync(performed, transaction =>
    {
        var bucket = keys.QueryBucket(FeedKeys.HourOf(performed.CreatedAt));
        _ = transaction.SortedSetIncrementAsync(bucket, performed.Query, 1);
        _ = transaction.KeyExpireAsync(bucket, BucketLifetime);
    });

    private TimeSpan BucketLifetime => TimeSpan.FromHours(Options.PopularWindowHours + 1);

    /// <summary>The hourly bucket of the event's time, or none when it is older than the window (a late redelivery).</summary>
    private RedisKey? BucketOf(IntegrationEvent activity)
    {
        var hour = FeedKeys.HourOf(activity.CreatedAt);
        return hour > time.GetUtcNow().AddHours(-Options.PopularWindowHours) ? keys.PopularBucket(hour) : (RedisKey?)null;
    }

    private async Task<bool> ApplyOnceAsync(IntegrationEvent activity, Action<ITransaction> writes)
    {
        var processed = keys.Processed(activity.Id);
        var transaction = Database.CreateTransaction();
        transaction.AddCondition(Condition.KeyNotExists(processed));
        _ = transaction.StringSetAsync(processed, 1, Options.ProcessedEventLifetime);
        writes(transaction);
        return await transaction.ExecuteAsync();
    }
}
