using IceCheckout.Search.Catalog;
using StackExchange.Redis;

namespace IceCheckout.Search.Feed;

/// <summary>
/// The offline half of the feed: product cards from Catalog's list, and bought-together counted again from every paid
/// order in Cart. Counts that differ from the nearline ones are replaced, all in one transaction. One run at a time.
/// </summary>
public sealed class FeedRebuilder(
    IConnectionMultiplexer redis,
    FeedKeys keys,
    ProductCards cards,
    CatalogProductsClient catalog,
    CartOrdersClient orders,
    TimeProvider time,
    ILogger<FeedRebuilder> logger) : IDisposable
{
    private readonly SemaphoreSlim running = new(1, 1);

    public async Task<FeedRebuildOutcome> RebuildAsync(CancellationToken cancellationToken)
    {
        await running.WaitAsync(cancellationToken);
        try
        {
            var written = await WriteCardsAsync(cancellationToken);
            var (orderCount, counted) = await CountPairsAsync(cancellationToken);
            var repaired = await ReplacePairsAsync(counted);
            logger.LogInformation("Feed rebuilt: {Cards} cards written, {Orders} paid orders read, {Repaired} of {Paired} bought-together sets repaired",
                written, orderCount, repaired, counted.Count);
            return new FeedRebuildOutcome(written, orderCount, counted.Count, repaired);
        }
        finally
        {
            running.Release();
        }
    }

    public void Dispose() => running.Dispose();

    /// <summary>Writes a card for every product Catalog lists (newer versions than the ones held); how many were written.</summary>
    public async Task<int> WriteCardsAsync(CancellationToken cancellationToken)
    {
        var written = 0;
        await foreach (var page in catalog.ReadAllAsync(cancellationToken))
        {
            foreach (var product in page)
            {
                written += await cards.WriteAsync(product.ToDocument()) ? 1 : 0;
            }
        }

        return written;
    }

    private async Task<(int Orders, Dictionary<int, Dictionary<int, int>> Pairs)> CountPairsAsync(CancellationToken cancellationToken)
    {
        var pairs = new Dictionary<int, Dictionary<int, int>>();
        var count = 0;
        await foreach (var products in orders.ReadPaidOrdersAsync(time.GetUtcNow(), cancellationToken))
        {
            count++;
            var distinct = products.Distinct().ToArray();
            foreach (var product in distinct)
            {
                foreach (var other in distinct.Where(p => p != product))
                {
                    var partners = pairs.TryGetValue(product, out var held) ? held : pairs[product] = [];
                    partners[other] = partners.GetValueOrDefault(other) + 1;
                }
            }
        }

        return (count, pairs);
    }

    private async Task<int> ReplacePairsAsync(Dictionary<int, Dictionary<int, int>> counted)
    {
        var database = redis.GetDatabase();
        var nearlineProducts = (await database.SetMembersAsync(keys.PairedProducts)).Select(p => (int)p).ToHashSet();
        var transaction = database.CreateTransaction();
        var repaired = 0;
        foreach (var product in nearlineProducts.Union(counted.Keys))
        {
            var expected = counted.GetValueOrDefault(product) ?? [];
            var held = (await database.SortedSetRangeByRankWithScoresAsync(keys.Pairs(product))).ToDictionary(e => (int)e.Element, e => (int)e.Score);
            if (held.Count == expected.Count && held.All(h => expected.GetValueOrDefault(h.Key) == h.Value))
            {
                continue;
            }

            repaired++;
            _ = transaction.KeyDeleteAsync(keys.Pairs(product));
            if (expected.Count > 0)
            {
                _ = transaction.SortedSetAddAsync(keys.Pairs(product), [.. expected.Select(e => new SortedSetEntry(e.Key, e.Value))]);
            }
        }

        _ = transaction.KeyDeleteAsync(keys.PairedProducts);
        if (counted.Count > 0)
        {
            _ = transaction.SetAddAsync(keys.PairedProducts, [.. counted.Keys.Select(p => (RedisValue)p)]);
        }

        await transaction.ExecuteAsync();
        return repaired;
    }
}
