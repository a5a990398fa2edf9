using System.Net;
using System.Net.Http.Json;
using IceCheckout.Catalog.Model;

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
    public async Task Two_instances_starting_on_one_database_migrate_and_seed_it_once()
    {
        var database = await servers.MariaDb.CreateDatabaseAsync();
        var vhost = await servers.RabbitMq.CreateVirtualHostAsync();
        await using var first = new CatalogApp(database, servers.Redis.ConnectionString, vhost);
        await using var second = new CatalogApp(database, servers.Redis.ConnectionString, vhost);
        _ = first.Server;
        _ = second.Server;
        await Task.WhenAll(first.WaitUntilReadyAsync(), second.WaitUntilReadyAsync());

        var count = await servers.MariaDb.ExecuteSqlAsync($"SELECT COUNT(*) FROM `{DatabaseName(database)}`.`Products`");
        Assert.Equal("25", count.Trim().Split('\n')[^1].Trim());
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
    }

    private static string Database(CatalogApp app) => DatabaseName(app.CatalogDb);

    private static string DatabaseName(string connectionString) =>
        connectionString.Split(';').Single(part => part.StartsWith("Database=", StringComparison.Ordinal))["Database=".Length..];
}
