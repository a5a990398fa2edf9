using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IceCheckout.Catalog.Model;
using IceCheckout.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace IceCheckout.Catalog.Tests;

[Collection(CatalogCollection.Name)]
public sealed class CacheTests(CatalogServers servers) : IAsyncLifetime
{
    private CatalogApp _app = null!;
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync()
    {
        _app = await servers.SharedAppAsync(nameof(CacheTests));
        _redis = await ConnectionMultiplexer.ConnectAsync(servers.Redis.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Reads_are_cached_and_a_change_is_visible_on_the_next_read()
    {
        await WaitUntilCacheConnectedAsync();
        var client = _app.CreateClient();
        var staff = _app.CreateStaffClient();
        var product = await CatalogApp.GetProductAsync(client, "LT-CON-001");
        await client.GetFromJsonAsync<ProductItem>($"/api/catalog/products/{product.Id}");
        await client.GetFromJsonAsync<PaginatedItems<ProductItem>>("/api/catalog/products?category=cone");

        var cached = await _redis.GetDatabase().StringGetAsync($"{_app.CacheKeyPrefix}product:{product.Id}");
        Assert.False(cached.IsNull);
        Assert.Equal(1500, JsonSerializer.Deserialize<ProductItem>((string)cached!, JsonSerializerOptions.Web)!.Price);

        await staff.PutAsJsonAsync($"/api/catalog/admin/products/{product.Id}/price", new SetPriceRequest(1700));

        Assert.Equal(1700, (await client.GetFromJsonAsync<ProductItem>($"/api/catalog/products/{product.Id}"))!.Price);
        Assert.Equal(1700, (await CatalogApp.GetProductAsync(client, "LT-CON-001")).Price);
        var list = await client.GetFromJsonAsync<PaginatedItems<ProductItem>>("/api/catalog/products?category=cone");
        Assert.Equal(1700, list!.Data.Single(p => p.Id == product.Id).Price);
    }

    [Fact]
    public async Task A_cached_value_is_what_the_service_answers_until_a_change_invalidates_it()
    {
        await WaitUntilCacheConnectedAsync();
        var client = _app.CreateClient();
        var product = await CatalogApp.GetProductAsync(client, "LT-TUB-001");
        var key = $"{_app.CacheKeyPrefix}product:{product.Id}";
        await client.GetAsync($"/api/catalog/products/{product.Id}");

        // A value planted in the cache is served: proof that reads come from Redis, not the database.
        await _redis.GetDatabase().StringSetAsync(key, JsonSerializer.Serialize(product with { NameEn = "From the cache" }, JsonSerializerOptions.Web));
        Assert.Equal("From the cache", (await client.GetFromJsonAsync<ProductItem>($"/api/catalog/products/{product.Id}"))!.NameEn);

        await _app.CreateStaffClient().PostAsJsonAsync($"/api/catalog/admin/products/{product.Id}/stock-adjustments", new AdjustStockRequest(5, "delivery"));

        var fresh = await client.GetFromJsonAsync<ProductItem>($"/api/catalog/products/{product.Id}");
        Assert.Equal(("Pappico", product.Stock + 5), (fresh!.NameEn, fresh.Stock));
    }

    [Fact]
    public async Task With_redis_down_reads_come_from_the_database_and_health_is_degraded()
    {
        // Its own Redis: stopping the collection's would pull it from under every other class's app.
        var redis = new RedisServer();
        await redis.InitializeAsync();
        try
        {
            await using var app = await CatalogApp.StartAsync(servers, settings: new Dictionary<string, string?> { ["ConnectionStrings:cache"] = redis.ConnectionString });
            var client = app.CreateClient();
            var product = await CatalogApp.GetProductAsync(client, "HT-BAR-001");
            await app.CreateStaffClient().PutAsJsonAsync($"/api/catalog/admin/products/{product.Id}/price", new SetPriceRequest(product.Price + 300));
            var expectedList = await client.GetFromJsonAsync<PaginatedItems<ProductItem>>("/api/catalog/products?pageSize=5");

            await redis.StopAsync();
            var health = await ReadHealthAsync(app);
            var read = await client.GetFromJsonAsync<ProductItem>("/api/catalog/products/by-sku/HT-BAR-001");
            var list = await client.GetFromJsonAsync<PaginatedItems<ProductItem>>("/api/catalog/products?pageSize=5");

            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("Degraded", health.Body.GetProperty("status").GetString());
            Assert.Equal("Degraded", health.Body.GetProperty("entries").GetProperty("cache").GetProperty("status").GetString());
            Assert.Equal((product.Id, product.Price + 300), (read!.Id, read.Price));
            Assert.Equal(expectedList!.Data.Select(p => (p.Id, p.Price)), list!.Data.Select(p => (p.Id, p.Price)));
            Assert.Equal(5, list.Data.Count);
        }
        finally
        {
            await redis.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_hung_redis_never_fails_a_read_or_a_write()
    {
        // Its own Redis: a paused one would stall every other class's app for the pause.
        var redis = new RedisServer();
        await redis.InitializeAsync();
        try
        {
            await using var app = await CatalogApp.StartAsync(servers, settings: new Dictionary<string, string?>
            {
                ["ConnectionStrings:cache"] = redis.ConnectionString + ",asyncTimeout=250,syncTimeout=250",
            });
            await using var control = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
            var client = app.CreateClient();
            var product = await CatalogApp.GetProductAsync(client, "BG-BAR-001");
            await client.GetAsync($"/api/catalog/products/{product.Id}");

            // CLIENT PAUSE keeps the connections open but answers nothing: what a hung Redis looks like.
            await control.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "4000");
            try
            {
                var read = await client.GetAsync($"/api/catalog/products/{product.Id}");
                var list = await client.GetAsync("/api/catalog/products?pageSize=3");
                var write = await app.CreateStaffClient().PutAsJsonAsync($"/api/catalog/admin/products/{product.Id}/price", new SetPriceRequest(product.Price + 100));

                Assert.Equal(HttpStatusCode.OK, read.StatusCode);
                Assert.Equal(product.Id, (await read.Content.ReadFromJsonAsync<ProductItem>())!.Id);
                Assert.Equal(HttpStatusCode.OK, list.StatusCode);
                Assert.Equal(3, (await list.Content.ReadFromJsonAsync<PaginatedItems<ProductItem>>())!.Data.Count);
                Assert.Equal(HttpStatusCode.OK, write.StatusCode);
                Assert.Equal(product.Price + 100, (await write.Content.ReadFromJsonAsync<ProductItem>())!.Price);
            }
            finally
            {
                await control.GetDatabase().ExecuteAsync("CLIENT", "UNPAUSE");
            }
        }
        finally
        {
            await redis.DisposeAsync();
        }
    }

    [Fact]
    public async Task With_the_cache_off_reads_write_nothing_to_redis()
    {
        await using var app = await CatalogApp.StartAsync(servers, settings: new Dictionary<string, string?> { ["Catalog:Cache:Enabled"] = "false" });
        var client = app.CreateClient();
        var product = await CatalogApp.GetProductAsync(client, "BG-BAR-001");
        await client.GetFromJsonAsync<ProductItem>($"/api/catalog/products/{product.Id}");
        await client.GetFromJsonAsync<PaginatedItems<ProductItem>>("/api/catalog/products?pageSize=5");
        await client.GetAsync("/api/catalog/products/by-labels?labels=melona");
        await client.GetAsync("/api/catalog/categories");

        Assert.Empty(_redis.GetServers().Single().Keys(pattern: $"{app.CacheKeyPrefix}*"));

        // And a planted value is not served: reads go to the database.
        await _redis.GetDatabase().StringSetAsync($"{app.CacheKeyPrefix}product:{product.Id}",
            JsonSerializer.Serialize(product with { NameEn = "From the cache" }, JsonSerializerOptions.Web));
        Assert.Equal("Melona", (await client.GetFromJsonAsync<ProductItem>($"/api/catalog/products/{product.Id}"))!.NameEn);
    }

    [Fact]
    public async Task Cache_entries_live_no_longer_than_the_configured_time_to_live()
    {
        await using var app = await CatalogApp.StartAsync(servers, settings: new Dictionary<string, string?> { ["Catalog:Cache:TimeToLive"] = "00:00:30" });
        var client = app.CreateClient();
        var cache = app.Services.GetRequiredService<IConnectionMultiplexer>();
        for (var attempt = 0; !cache.IsConnected; attempt++)
        {
            Assert.True(attempt < 300, "The service did not connect to Redis within 60 s.");
            await Task.Delay(200);
        }

        var product = await CatalogApp.GetProductAsync(client, "BG-BAR-001");
        await client.GetAsync($"/api/catalog/products/{product.Id}");
        await client.GetAsync("/api/catalog/products?pageSize=5");

        foreach (var key in new[] { $"{app.CacheKeyPrefix}product:{product.Id}", $"{app.CacheKeyPrefix}lists" })
        {
            var timeToLive = await _redis.GetDatabase().KeyTimeToLiveAsync(key);
            Assert.NotNull(timeToLive);
            Assert.InRange(timeToLive.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task Pages_past_the_end_are_answered_but_not_cached()
    {
        await WaitUntilCacheConnectedAsync();
        var client = _app.CreateClient();
        var lists = $"{_app.CacheKeyPrefix}lists";
        await client.GetAsync("/api/catalog/products?pageSize=7");
        var before = await _redis.GetDatabase().HashLengthAsync(lists);

        foreach (var pageIndex in new[] { 500, 501, 9999 })
        {
            var page = await client.GetFromJsonAsync<PaginatedItems<ProductItem>>($"/api/catalog/products?pageIndex={pageIndex}&pageSize=7");
            Assert.Empty(page!.Data);
        }

        Assert.Equal(before, await _redis.GetDatabase().HashLengthAsync(lists));
    }

    private static async Task<(HttpStatusCode StatusCode, JsonElement Body)> ReadHealthAsync(CatalogApp app)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health") { Headers = { { "X-Health-Key", CatalogApp.HealthKey } } };
        using var response = await app.CreateClient().SendAsync(request);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>The service connects to Redis in the background; a test that reads the cache waits for it.</summary>
    private async Task WaitUntilCacheConnectedAsync()
    {
        var redis = _app.Services.GetRequiredService<IConnectionMultiplexer>();
        for (var attempt = 0; !redis.IsConnected; attempt++)
        {
            Assert.True(attempt < 300, "The service did not reconnect to Redis within 60 s.");
            await Task.Delay(200);
        }
    }
}
