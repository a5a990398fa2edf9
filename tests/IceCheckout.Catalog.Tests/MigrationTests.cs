using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using IceCheckout.Catalog.Model;
using MySqlConnector;

namespace IceCheckout.Catalog.Tests;

[Collection(CatalogCollection.Name)]
public sealed class MigrationTests(CatalogServers servers)
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_seed_the_assortment()
    {
        await using var app = await CatalogApp.StartAsync(servers);
        var tables = await servers.MariaDb.ExecuteSqlAsync(
            $"SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '{Database(app)}' ORDER BY TABLE_NAME");
        foreach (var table in new[] { "Products", "Categories", "ProductImages", "OutboxMessages", "ProcessedEvents", "StockReservations", "StockMovements", "__EFMigrationsHistory" })
        {
            Assert.Contains(table, tables);
        }

        var client = app.CreateClient();
        var page = await client.GetFromJsonAsync<PaginatedItems<ProductItem>>("/api/catalog/products?pageSize=100");
        Assert.Equal(25, page!.Count);
        Assert.All(page.Data, p => Assert.NotNull(p.ImageUrl));
        Assert.Contains(page.Data, p => p.NameKo == "메로나" && p.DetectionLabel == "melona" && p.Price == 800);
    }

    [Fact]
    public async Task Two_instances_starting_on_one_database_wait_for_the_schema_lock_and_migrate_and_seed_it_once()
    {
        var database = await servers.MariaDb.CreateDatabaseAsync();
        var name = DatabaseName(database);
        var vhost = await servers.RabbitMq.CreateVirtualHostAsync();
        await using var holder = new MySqlConnection(database);
        await holder.OpenAsync();
        Assert.Equal(1L, Convert.ToInt64(await ScalarAsync(holder, $"SELECT GET_LOCK('{SchemaLock}', 10)"), CultureInfo.InvariantCulture));

        await using var first = new CatalogApp(database, servers.Redis.ConnectionString, vhost);
        await using var second = new CatalogApp(database, servers.Redis.ConnectionString, vhost);
        _ = first.Server;
        _ = second.Server;

        // While the lock is held elsewhere, both instances wait for it and neither touches the schema.
        await WaitUntilAsync(async () => Convert.ToInt64(await ScalarAsync(holder,
            $"SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = '{name}' AND INFO LIKE 'SELECT GET_LOCK(%'"), CultureInfo.InvariantCulture) == 2);
        Assert.Equal(0L, Convert.ToInt64(await ScalarAsync(holder,
            $"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '{name}'"), CultureInfo.InvariantCulture));

        await ScalarAsync(holder, $"SELECT RELEASE_LOCK('{SchemaLock}')");
        await Task.WhenAll(first.WaitUntilReadyAsync(), second.WaitUntilReadyAsync());

        Assert.Equal(25L, Convert.ToInt64(await ScalarAsync(holder, "SELECT COUNT(*) FROM `Products`"), CultureInfo.InvariantCulture));
        Assert.Equal(25L, Convert.ToInt64(await ScalarAsync(holder, "SELECT COUNT(DISTINCT `Sku`) FROM `Products`"), CultureInfo.InvariantCulture));
        Assert.Equal(
            Convert.ToInt64(await ScalarAsync(holder, "SELECT COUNT(DISTINCT `MigrationId`) FROM `__EFMigrationsHistory`"), CultureInfo.InvariantCulture),
            Convert.ToInt64(await ScalarAsync(holder, "SELECT COUNT(*) FROM `__EFMigrationsHistory`"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Without_a_reachable_database_the_service_runs_unhealthy_and_answers_503()
    {
        await using var app = new CatalogApp(
            "Server=127.0.0.1;Port=1;User ID=nobody;Password=none;Database=catalogdb;Connection Timeout=2",
            servers.Redis.ConnectionString,
            await servers.RabbitMq.CreateVirtualHostAsync());
        var client = app.CreateClient();

        var health = await client.GetAsync("/health");
        var products = await client.GetAsync("/api/catalog/products");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, products.StatusCode);
        Assert.Equal("application/problem+json", products.Content.Headers.ContentType?.MediaType);
        Assert.True(products.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {products.Headers.RetryAfter}");
    }

    [Fact]
    public async Task Staff_edits_of_seeded_products_survive_a_restart_and_the_seed_adds_nothing_twice()
    {
        var database = await servers.MariaDb.CreateDatabaseAsync();
        var vhost = await servers.RabbitMq.CreateVirtualHostAsync();
        ProductItem edited;
        await using (var before = new CatalogApp(database, servers.Redis.ConnectionString, vhost))
        {
            await before.WaitUntilReadyAsync();
            var staff = before.CreateStaffClient();
            var melona = await CatalogApp.GetProductAsync(staff, "BG-BAR-001");
            var update = new UpdateProductRequest(melona.Sku, melona.DetectionLabel, "메로나 리뉴얼", "Melona Renewed", melona.Brand, melona.Category, 950, true, melona.Version);
            (await staff.PutAsJsonAsync($"/api/catalog/admin/products/{melona.Id}", update)).EnsureSuccessStatusCode();
            (await staff.PostAsJsonAsync($"/api/catalog/admin/products/{melona.Id}/stock-adjustments", new AdjustStockRequest(-3, "stock take"))).EnsureSuccessStatusCode();
            edited = await CatalogApp.GetProductAsync(staff, "BG-BAR-001");
        }

        await using var after = new CatalogApp(database, servers.Redis.ConnectionString, vhost);
        await after.WaitUntilReadyAsync();

        var restarted = await CatalogApp.GetProductAsync(after.CreateClient(), "BG-BAR-001");
        Assert.Equal((edited.NameKo, edited.NameEn, edited.Price, edited.Stock, edited.Version), (restarted.NameKo, restarted.NameEn, restarted.Price, restarted.Stock, restarted.Version));
        var page = await after.CreateClient().GetFromJsonAsync<PaginatedItems<ProductItem>>("/api/catalog/products?pageSize=100");
        Assert.Equal(25, page!.Count);
    }

    private const string SchemaLock = "icecheckout_catalog_schema";

    private static async Task<object?> ScalarAsync(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            await Task.Delay(100, timeout.Token);
        }
    }

    private static string Database(CatalogApp app) => DatabaseName(app.CatalogDb);

    private static string DatabaseName(string connectionString) =>
        connectionString.Split(';').Single(part => part.StartsWith("Database=", StringComparison.Ordinal))["Database=".Length..];
}
