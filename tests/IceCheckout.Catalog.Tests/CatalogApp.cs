using System.Net;
using System.Net.Http.Json;
using IceCheckout.Catalog.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IceCheckout.Catalog.Tests;

/// <summary>The Catalog service in-process, on its own empty database, Redis key space and RabbitMQ virtual host.</summary>
public sealed class CatalogApp(
    string catalogDb,
    string cache,
    string messaging,
    string environment = "Development",
    IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public const string StaffKey = "test-staff-key";
    public const string ServiceKey = "test-service-key";
    public const string HealthKey = "test-health-key";

    public string CatalogDb { get; } = catalogDb;

    public string Messaging { get; } = messaging;

    public string CacheKeyPrefix { get; } = $"catalog-{Guid.NewGuid():N}:";

    public static async Task<CatalogApp> StartAsync(CatalogServers servers, string environment = "Development", IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = new CatalogApp(
            await servers.MariaDb.CreateDatabaseAsync(),
            servers.Redis.ConnectionString,
            await servers.RabbitMq.CreateVirtualHostAsync(),
            environment,
            settings);
        await app.WaitUntilReadyAsync();
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:catalogdb", CatalogDb);
        builder.UseSetting("ConnectionStrings:cache", cache);
        builder.UseSetting("ConnectionStrings:messaging", Messaging);
        builder.UseSetting("Catalog:Cache:KeyPrefix", CacheKeyPrefix);
        builder.UseSetting("Health:DetailsKey", HealthKey);
        builder.UseSetting("Catalog:Outbox:PollInterval", "00:00:00.500");
        builder.UseSetting("Catalog:Outbox:MaxBackoff", "00:00:02");
        if (environment == "Development")
        {
            builder.UseSetting("Catalog:Staff:ApiKeys:0", StaffKey);
            builder.UseSetting("Catalog:Services:ApiKeys:0", ServiceKey);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    public HttpClient CreateStaffClient() => CreateKeyedClient(StaffKey);

    public HttpClient CreateServiceClient() => CreateKeyedClient(ServiceKey);

    public HttpClient CreateKeyedClient(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>Waits (bounded) until the background migration and seed have run.</summary>
    public async Task WaitUntilReadyAsync()
    {
        var readiness = Services.GetRequiredService<DatabaseReadiness>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await readiness.WaitAsync(timeout.Token);
    }

    public static async Task<Model.ProductItem> GetProductAsync(HttpClient client, string sku)
    {
        var response = await client.GetAsync($"/api/catalog/products/by-sku/{sku}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Model.ProductItem>())!;
    }
}
