using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IceCheckout.Search.Feed;

/// <summary>
/// The online half of the feed: one script call (one round trip) reads the popular buckets, the cart's products and
/// their bought-together partners, the checklist's list and every card those name; the answer is composed here.
/// </summary>
public sealed class FeedReader(IConnectionMultiplexer redis, FeedKeys keys, IOptions<FeedOptions> options, TimeProvider time)
{
    // The pairs keys are built in the script from the cart's members, so Redis must not be a cluster (it is not here).
    private const string ReadScript = """
        local w = tonumber(ARGV[1])
        local n = tonumber(ARGV[3])
        local zunion = { 'ZUNION', w }
        for i = 1, w do zunion[#zunion + 1] = KEYS[i] end
        zunion[#zunion + 1] = 'WITHSCORES'
        local union = redis.call(unpack(zunion))
        local popular = {}
        local count = #union / 2
        for k = count, math.max(1, count - n + 1), -1 do
          popular[#popular + 1] = union[2 * k - 1]
          popular[#popular + 1] = union[2 * k]
        end
        local ids = {}
        for i = 1, #popular, 2 do ids[#ids + 1] = popular[i] end
        local cart = redis.call('SMEMBERS', KEYS[w + 1])
        local cartpairs = {}
        for _, product in ipairs(cart) do
          ids[#ids + 1] = product
          local partners = redis.call('ZRANGE', ARGV[2] .. product, 0, n - 1, 'REV', 'WITHSCORES')
          for i = 1, #partners, 2 do ids[#ids + 1] = partners[i] end
          cartpairs[#cartpairs + 1] = product
          cartpairs[#cartpairs + 1] = partners
        end
        local list = redis.call('LRANGE', KEYS[w + 2], 0, -1)
        for _, entry in ipairs(list) do
          local suggested, source = string.match(entry, '^(%d+):(%d+)$')
          if suggested then
            ids[#ids + 1] = suggested
            ids[#ids + 1] = source
          end
        end
        local items = redis.call('SMEMBERS', KEYS[w + 3])
        local cards = {}
        if #ids > 0 then cards = redis.call('HMGET', KEYS[w + 4], unpack(ids)) end
        return { popular, cartpairs, list, items, ids, cards }
        """;

    // Candidates read per list: room for the ones filtered out (out of stock, already in the cart or on the list).
    private const int CandidateFactor = 3;

    public async Task<FeedResponse> ReadAsync(FeedRequest request)
    {
        var size = request.SizeOrDefault;
        var code = request.Checklist?.ToUpperInvariant() ?? "";
        var window = keys.PopularWindow(time.GetUtcNow());
        RedisKey[] scriptKeys =
        [
            .. window,
            request.Cart is { } cartId ? keys.Cart(cartId) : $"{options.Value.KeyPrefix}no-cart",
            keys.ChecklistSuggestions(code),
            keys.ChecklistItems(code),
            keys.Cards,
        ];
        RedisValue[] arguments = [window.Length, keys.PairsPrefix, size * CandidateFactor];
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(ReadScript, scriptKeys, arguments))!;

        var cards = ReadCards((RedisResult[])result[4]!, (RedisResult[])result[5]!);
        return new FeedResponse(
            PopularNow(Scored((RedisResult[])result[0]!), cards, size),
            GoesWellWith((RedisResult[])result[1]!, cards, size),
            ForYourList((RedisResult[])result[2]!, (RedisResult[])result[3]!, cards, size));
    }

    private List<FeedItem> PopularNow(IEnumerable<(int Product, double Score)> popular, Dictionary<int, ProductCard> cards, int size)
    {
        var reason = $"Popular in the last {options.Value.PopularWindowHours} hours";
        return [.. popular.OrderByDescending(p => p.Score).ThenBy(p => p.Product)
            .Select(p => InStock(cards, p.Product)).OfType<ProductCard>()
            .Take(size).Select(card => FeedItem.Of(card, reason))];
    }

    private static List<FeedItem> GoesWellWith(RedisResult[] cartPairs, Dictionary<int, ProductCard> cards, int size)
    {
        var inCart = new HashSet<int>();
        var partners = new Dictionary<int, (double Total, int Source, double SourceCount)>();
        for (var i = 0; i + 1 < cartPairs.Length; i += 2)
        {
            var source = (int)cartPairs[i];
            inCart.Add(source);
            foreach (var (partner, count) in Scored((RedisResult[])cartPairs[i + 1]!))
            {
                var held = partners.GetValueOrDefault(partner, (0, source, 0));
                var strongest = count > held.SourceCount || (count == held.SourceCount && source < held.Source);
                partners[partner] = (held.Total + count, strongest ? source : held.Source, strongest ? count : held.SourceCount);
            }
        }

        return [.. partners.Where(p => !inCart.Contains(p.Key))
            .OrderByDescending(p => p.Value.Total).ThenBy(p => p.Key)
            .Select(p => (Card: InStock(cards, p.Key), Source: cards.GetValueOrDefault(p.Value.Source)))
            .Where(p => p.Card is not null)
            .Take(size)
            .Select(p => FeedItem.Of(p.Card!, $"Often bought with {p.Source?.NameEn ?? "what is in your cart"}"))];
    }

    private static List<FeedItem> ForYourList(RedisResult[] list, RedisResult[] items, Dictionary<int, ProductCard> cards, int size)
    {
        var onList = items.Select(i => (int)i).ToHashSet();
        var seen = new HashSet<int>();
        var suggestions = new List<FeedItem>();
        foreach (var entry in list.Select(e => e.ToString()))
        {
            var parts = entry.Split(':');
            if (parts.Length != 2 || !int.TryParse(parts[0], out var suggested) || !int.TryParse(parts[1], out var source))
            {
                continue;
            }

            if (onList.Contains(suggested) || !seen.Add(suggested) || InStock(cards, suggested) is not { } card)
            {
                continue;
            }

            var because = cards.GetValueOrDefault(source)?.NameEn ?? "an item";
            suggestions.Add(FeedItem.Of(card, $"Goes with {because} on your list"));
            if (suggestions.Count == size)
            {
                break;
            }
        }

        return suggestions;
    }

    private static ProductCard? InStock(Dictionary<int, ProductCard> cards, int productId) =>
        cards.TryGetValue(productId, out var card) && card.Stock > 0 ? card : null;

    private static IEnumerable<(int Product, double Score)> Scored(RedisResult[] flat)
    {
        for (var i = 0; i + 1 < flat.Length; i += 2)
        {
            yield return ((int)flat[i], (double)flat[i + 1]);
        }
    }

    private static Dictionary<int, ProductCard> ReadCards(RedisResult[] ids, RedisResult[] cards)
    {
        var read = new Dictionary<int, ProductCard>();
        for (var i = 0; i < ids.Length && i < cards.Length; i++)
        {
            if (ProductCards.Read((RedisValue)cards[i]) is { } card)
            {
                read[card.ProductId] = card;
            }
        }

        return read;
    }
}
