using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IceCheckout.Catalog.Infrastructure.Caching;

/// <summary>
/// Read-through cache of product reads in Redis, shared by every instance. A change deletes the product's entries and
/// every cached list, so the next read on any instance sees it. The cache never fails a request: while Redis is
/// unreachable, hung (timeouts) or answers with something unreadable, it is bypassed.
/// </summary>
public sealed class ProductCache(IConnectionMultiplexer redis, IOptions<CatalogCacheOptions> options, ILogger<ProductCache> logger)
{
    private readonly CatalogCacheOptions _options = options.Value;

    private string ListsKey => _options.KeyPrefix + "lists";

    public string ProductKey(int id) => $"{_options.KeyPrefix}product:{id}";

    public string SkuKey(string sku) => $"{_options.KeyPrefix}sku:{sku}";

    public async Task<T?> GetOrLoadAsync<T>(string key, Func<Task<T?>> load) where T : class
    {
        var cached = await TryReadAsync(db => db.StringGetAsync(key));
        if (cached is { IsNull: false } value && TryDeserialize<T>(value) is { } hit)
        {
            return hit;
        }

        var loaded = await load();
        if (loaded is not null)
        {
            var json = JsonSerializer.Serialize(loaded, JsonSerializerOptions.Web);
            await TryWriteAsync(db => db.StringSetAsync(key, json, _options.TimeToLive));
        }

        return loaded;
    }

    /// <summary>Lists live as fields of one hash, so one delete drops them all.</summary>
    /// <param name="worthCaching">Whether a loaded value is kept (an empty page past the end is not, so requests cannot grow the cache without bound).</param>
    public async Task<T> GetOrLoadListAsync<T>(string field, Func<Task<T>> load, Func<T, bool>? worthCaching = null) where T : class
    {
        var cached = await TryReadAsync(db => db.HashGetAsync(ListsKey, field));
        if (cached is { IsNull: false } value && TryDeserialize<T>(value) is { } hit)
        {
            return hit;
        }

        var loaded = await load();
        if (worthCaching?.Invoke(loaded) == false)
        {
            return loaded;
        }

        var json = JsonSerializer.Serialize(loaded, JsonSerializerOptions.Web);
        await TryWriteAsync(async db =>
        {
            var batch = db.CreateBatch();
            var set = batch.HashSetAsync(ListsKey, field, json);
            var expire = batch.KeyExpireAsync(ListsKey, _options.TimeToLive);
            batch.Execute();
            await Task.WhenAll(set, expire);
        });
        return loaded;
    }

    public Task InvalidateAsync(IEnumerable<(int Id, string Sku)> products)
    {
        var keys = products.SelectMany(p => new RedisKey[] { ProductKey(p.Id), SkuKey(p.Sku) }).Append(ListsKey).ToArray();
        return TryWriteAsync(db => db.KeyDeleteAsync(keys));
    }

    private async Task<RedisValue?> TryReadAsync(Func<IDatabase, Task<RedisValue>> read)
    {
        if (!_options.Enabled || !redis.IsConnected)
        {
            return null;
        }

        try
        {
            return await read(redis.GetDatabase());
        }
        catch (Exception ex) // a cache never fails a request, whatever its client throws (a dropped connection cancels pending commands)
        {
            logger.LogWarning(ex, "Reading the product cache failed; answering from the database");
            return null;
        }
    }

    private async Task TryWriteAsync(Func<IDatabase, Task> write)
    {
        if (!_options.Enabled || !redis.IsConnected)
        {
            return;
        }

        try
        {
            await write(redis.GetDatabase());
        }
        catch (Exception ex) // a cache never fails a request, whatever its client throws (a dropped connection cancels pending commands)
        {
            logger.LogWarning(ex, "Writing the product cache failed; entries expire after {TimeToLive}", _options.TimeToLive);
        }
    }

    private T? TryDeserialize<T>(RedisValue value) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>((string)value!, JsonSerializerOptions.Web);
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "An unreadable product cache entry was ignored");
            return null;
        }
    }
}
