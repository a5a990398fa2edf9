using IceCheckout.Cart.Activity;
using IceCheckout.Cart.Apis;
using IceCheckout.Cart.Corrections;
using IceCheckout.Cart.Infrastructure.Orders;
using IceCheckout.Cart.Infrastructure.Payments;
using IceCheckout.Outbox;
using IceCheckout.ServiceDefaults.Authentication;
using IceCheckout.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using IceCheckout.Cart.Infrastructure.Catalog;
using IceCheckout.Cart.Infrastructure.Detection;
using IceCheckout.Cart.Infrastructure.Redis;
using IceCheckout.Cart.IntegrationEvents;
using IceCheckout.Cart.Services;
using Microsoft.Extensions.Options;

namespace IceCheckout.Cart;

public static class Extensions
{
    /// <summary>The dependencies of the cart service from the configuration contract, each with its health check.</summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);

        // Carts live in Redis: without it the service cannot work.
        builder.AddRedisConnection("cache");
        services.AddOptions<CartOptions>().BindConfiguration(CartOptions.SectionName);
        services.AddOptions<ChecklistOptions>().BindConfiguration(ChecklistOptions.SectionName);
        services.AddOptions<ScanOptions>().BindConfiguration(ScanOptions.SectionName);
        services.AddSingleton<CartStore>();
        services.AddSingleton<ChecklistStore>();
        services.AddScoped<CartPricing>();
        services.AddScoped<CartService>();
        services.AddScoped<ScanService>();
        services.AddSingleton<DetectionClient>();
        services.AddSingleton<ActivityPublisher>();
        services.AddCorrections();

        builder.AddOrdersDatabase();
        services.AddOptions<CheckoutOptions>().BindConfiguration(CheckoutOptions.SectionName);
        services.AddScoped<IdempotencyStore>();
        services.AddScoped<CheckoutService>();
        services.AddScoped<OrderService>();
        services.AddSingleton<IPaymentProvider, SandboxPaymentTerminal>();
        services.AddHostedService<OrderReconciler>();
        builder.AddApiKeyAuthentication("Cart");
        builder.AddRabbitMqMessaging("messaging")
            .AddRpcClient()
            .AddEventHandler<ProductUpsertedIntegrationEvent, ProductUpsertedHandler>()
            .AddEventHandler<ProductDeletedIntegrationEvent, ProductDeletedHandler>()
            // Catalog commits sales and returns refunded stock from these: their queues exist before the first order.
            .DeclareSubscribers<OrderPaidIntegrationEvent>("icecheckout.catalog")
            .DeclareSubscribers<OrderRefundedIntegrationEvent>("icecheckout.catalog")
            // Search keeps the store's feed (popular now, bought together, checklist suggestions) from these.
            .DeclareSubscribers<OrderPaidIntegrationEvent>("icecheckout.search")
            .DeclareSubscribers<CartScannedIntegrationEvent>("icecheckout.search")
            .DeclareSubscribers<ChecklistItemAddedIntegrationEvent>("icecheckout.search");

        services.AddMemoryCache();
        services.AddOptions<CatalogClientOptions>().BindConfiguration(CatalogClientOptions.SectionName);
        // The service defaults give every client the standard pipeline with a 30 s budget; Catalog's calls get their own, shorter one.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked for evaluation; it is the documented way to replace the default pipeline.
        services.AddHttpClient<CatalogClient>((sp, http) => http.BaseAddress = sp.GetRequiredService<IOptions<CatalogClientOptions>>().Value.BaseAddress)
            .RemoveAllResilienceHandlers()
#pragma warning restore EXTEXP0001
            .AddStandardResilienceHandler(resilience =>
            {
                // Bounded, so a scan or checkout answers 503 in seconds rather than waiting out the default 30 s.
                var timeout = builder.Configuration.GetValue($"{CatalogClientOptions.SectionName}:Timeout", TimeSpan.FromSeconds(5));
                resilience.TotalRequestTimeout.Timeout = timeout;
                resilience.AttemptTimeout.Timeout = timeout / 2;
                resilience.CircuitBreaker.SamplingDuration = timeout * 2;
            });

        services.AddBadRequestProblems();
        services.AddExceptionHandler<DependencyExceptionHandler>();

        return builder;
    }

    private static void AddOrdersDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("ordersdb")
            ?? throw new InvalidOperationException("ConnectionStrings:ordersdb is not configured.");

        void Configure(IServiceProvider services, DbContextOptionsBuilder options) =>
            options.UseMySql(connectionString, OrdersDatabase.ServerVersion).UseAfterCommit(services);

        // Options as a singleton, so that the factory below (a singleton) can use them too.
        builder.Services.AddDbContext<OrdersContext>(Configure, ServiceLifetime.Scoped, ServiceLifetime.Singleton);
        // The sandbox terminal writes its charges through contexts of its own, apart from the checkout's transaction.
        builder.Services.AddDbContextFactory<OrdersContext>(Configure, ServiceLifetime.Singleton);
        builder.Services.AddSingleton<OrdersReadiness>();
        builder.Services.AddHostedService<OrdersDatabaseInitializer>();
        builder.Services.AddOutbox<OrdersContext>("Cart:Outbox", sp => sp.GetRequiredService<OrdersReadiness>().WaitAsync);
        builder.Services.AddHealthChecks()
            .AddCheck<OrdersSchemaHealthCheck>("ordersdb-schema", HealthStatus.Unhealthy, ["ready"])
            .AddDbContextCheck<OrdersContext>("ordersdb", HealthStatus.Unhealthy, ["ready"]);
    }
}
