extern alias CatalogService;
extern alias DetectionService;
using IceCheckout.Cart.Infrastructure.Catalog;
using IceCheckout.Messaging;
using IceCheckout.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using CatalogReadiness = CatalogService::IceCheckout.Catalog.Infrastructure.DatabaseReadiness;
using DetectionRequest = DetectionService::IceCheckout.Detection.Model.DetectionRequest;
using DetectionResponse = DetectionService::IceCheckout.Detection.Model.DetectionResponse;
using DetectionRpcHandler = DetectionService::IceCheckout.Detection.Infrastructure.DetectionRpcHandler;

namespace IceCheckout.Cart.Tests.Support;

/// <summary>The real Catalog service in-process, on its own database.</summary>
public sealed class CatalogApp(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<CatalogService::Program>
{
    public const string StaffKey = "test-catalog-staff-key";
    public const string ServiceKey = "test-catalog-service-key";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Catalog:Staff:ApiKeys:0", StaffKey);
        builder.UseSetting("Catalog:Services:ApiKeys:0", ServiceKey);
        builder.UseSetting("Catalog:Outbox:PollInterval", "00:00:00.500");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public async Task WaitUntilReadyAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await Services.GetRequiredService<CatalogReadiness>().WaitAsync(timeout.Token);
    }

    public HttpClient CreateStaffClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", StaffKey);
        return client;
    }
}

/// <summary>The real Detection service in-process with the shipped model on the CPU, serving the RPC queue.</summary>
public sealed class DetectionApp(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<DetectionService::Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Detection:ModelPath", Path.Combine(RepositoryRoot.Path, "models", "ice-detector.onnx"));
        builder.UseSetting("Detection:ExecutionProvider", "cpu");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddScoped<DetectionRpcHandler>();
            services.AddScoped<IRpcHandler<DetectionRequest, DetectionResponse>>(sp => new DetectionHook.Handler(sp.GetRequiredService<DetectionRpcHandler>(), Hook));
        });
    }

    /// <summary>A step the worker runs before each answer, when a test sets one.</summary>
    public DetectionHook Hook { get; } = new();
}

/// <summary>The Cart service in-process; its Catalog client talks to the in-process Catalog.</summary>
public sealed class CartApp(IReadOnlyDictionary<string, string?> settings, CatalogApp catalog) : WebApplicationFactory<Program>
{
    public const string StaffKey = "test-cart-staff-key";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Cart:Staff:ApiKeys:0", StaffKey);
        builder.UseSetting("Cart:Catalog:ServiceKey", CatalogApp.ServiceKey);
        builder.UseSetting("Cart:Catalog:BaseAddress", "http://catalog.test");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
            services.AddHttpClient<CatalogClient>().ConfigurePrimaryHttpMessageHandler(() => CatalogLink.CreateHandler(catalog.Server.CreateHandler())));
    }

    /// <summary>Cart's line to Catalog, which a test can cut.</summary>
    public CatalogLink CatalogLink { get; } = new();

    public HttpClient CreateStaffClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", StaffKey);
        return client;
    }
}
