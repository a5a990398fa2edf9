using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IceCheckout.Catalog.Model;
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
        var client = _app.CreateClient();
        await servers.Redis.StopAsync();
        try
        {
            var health = await client.GetAsync("/health");
            var product = await client.GetAsync("/api/catalog/products/by-sku/HT-BAR-001");
            var list = await client.GetAsync("/api/catalog/products?pageSize=5");

            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("Degraded", JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
            Assert.Equal(HttpStatusCode.OK, product.StatusCode);
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        }
        finally
        {
            await servers.Redis.StartAsync();
        }

        await WaitUntilCacheConnectedAsync();
    }

    [Fact]
    public async Task A_hung_redis_never_fails_a_read_or_a_write()
    {
        await using var app = await CatalogApp.StartAsync(servers, settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:cache"] = servers.Redis.ConnectionString + ",asyncTimeout=250,syncTimeout=250",
        });
        var client = app.CreateClient();
        var product = await CatalogApp.GetProductAsync(client, "BG-BAR-001");
        await client.GetAsync($"/api/catalog/products/{product.Id}");

        // CLIENT PAUSE keeps the connections open but answers nothing: what a hung Redis looks like.
        await _redis.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "4000");
        try
        {
            var read = await client.GetAsync($"/api/catalog/products/{product.Id}");
            var list = await client.GetAsync("/api/catalog/products?pageSize=3");
            var write = await app.CreateStaffClient().PutAsJsonAsync($"/api/catalog/admin/products/{product.Id}/price", new SetPriceRequest(product.Price + 100));

            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal(product.Id, (await read.Content.ReadFromJsonAsync<ProductItem>())!.Id);
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            Assert.Equal(HttpStatusCode.OK, write.StatusCode);
            Assert.Equal(product.Price + 100, (await write.Content.ReadFromJsonAsync<ProductItem>())!.Price);
        }
        finally
        {
            await _redis.GetDatabase().ExecuteAsync("CLIENT", "UNPAUSE");
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

    /// <summary>After a Redis restart (another test of this class) the service reconnects in the background.</summary>
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
