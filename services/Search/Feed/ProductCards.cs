using System.Text.Json;
using IceCheckout.Search.Model;
using StackExchange.Redis;

namespace IceCheckout.Search.Feed;

/// <summary>
/// The feed's copy of every visible product as a card, written at Catalog's version: an older event arriving late
/// changes nothing, and a hidden product's card is removed but its version kept.
/// </summary>
public sealed class ProductCards(IConnectionMultiplexer redis, FeedKeys keys)
{
    private const string WriteScript = """
        local held = redis.call('HGET', KEYS[2], ARGV[1])
        if held and tonumber(held) >= tonumber(ARGV[2]) then return 0 end
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
        if ARGV[3] == '' then redis.call('HDEL', KEYS[1], ARGV[1]) else redis.call('HSET', KEYS[1], ARGV[1], ARGV[3]) end
        return 1
        """;

    /// <summary>Writes the card at the document's version; false when the version held is the same or newer.</summary>
    public async Task<bool> WriteAsync(ProductDocument product)
    {
        var card = product.Visible
            ? JsonSerializer.Serialize(new ProductCard(product.ProductId, product.Sku, product.NameKo, product.NameEn, product.ImageUrl, product.Price, product.Stock), JsonSerializerOptions.Web)
            : "";
        var written = await redis.GetDatabase().ScriptEvaluateAsync(WriteScript, [keys.Cards, keys.CardVersions], [product.ProductId, product.Version, card]);
        return (int)written == 1;
    }

    public static ProductCard? Read(RedisValue json) =>
        json.IsNullOrEmpty ? null : JsonSerializer.Deserialize<ProductCard>(json.ToString(), JsonSerializerOptions.Web);
}
