extern alias CatalogService;

using CatalogService::IceCheckout.Catalog.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using CatalogProgram = CatalogService::Program;

namespace IceCheckout.Search.Tests.Support;

/// <summary>The real Catalog service on a loopback port (Kestrel), on its own database, seeded with the store's products.</summary>
public sealed class CatalogInstance(string catalogDb, string cache, string messaging, int port) : WebApplicationFactory<CatalogProgram>
{
    public const string StaffKey = "catalog-staff-key";
    public const string ServiceKey = "catalog-service-key";

    public Uri Address { get; } = new($"http://127.0.0.1:{port}");

    public static async Task<CatalogInstance> StartAsync(SearchServers servers, string messaging, int? port = null)
    {
        var catalog = new CatalogInstance(
            await servers.MariaDb.CreateDatabaseAsync(), servers.Redis.ConnectionString, messaging, port ?? SearchServers.FreePort());
        catalog.UseKestrel(catalog.Address.Port);
        catalog.StartServer();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await catalog.Services.GetRequiredService<DatabaseReadiness>().WaitAsync(timeout.Token);
        return catalog;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:catalogdb", catalogDb);
        builder.UseSetting("ConnectionStrings:cache", cache);
        builder.UseSetting("ConnectionStrings:messaging", messaging);
        builder.UseSetting("Catalog:Cache:KeyPrefix", $"catalog-{Guid.NewGuid():N}:");
        builder.UseSetting("Catalog:Outbox:PollInterval", "00:00:00.500");
        builder.UseSetting("Catalog:Staff:ApiKeys:0", StaffKey);
        builder.UseSetting("Catalog:Services:ApiKeys:0", ServiceKey);
    }

    public HttpClient CreateStaffClient()
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Add("X-Api-Key", StaffKey);
        return client;
    }
}
