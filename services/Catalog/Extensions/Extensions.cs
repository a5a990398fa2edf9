using IceCheckout.Catalog.Infrastructure;
using IceCheckout.Catalog.Infrastructure.Caching;
using IceCheckout.Catalog.Infrastructure.Seed;
using IceCheckout.Catalog.IntegrationEvents.EventHandling;
using IceCheckout.Catalog.IntegrationEvents.Events;
using IceCheckout.Catalog.Services;
using IceCheckout.Outbox;
using IceCheckout.ServiceDefaults.Authentication;
using IceCheckout.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IceCheckout.Catalog.Extensions;

public static class Extensions
{
    /// <summary>The services (their <c>Messaging:ServiceName</c>) that consume Catalog's product events.</summary>
    private static readonly string[] ProductEventSubscribers = ["icecheckout.search", "icecheckout.cart"];

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddCatalogDatabase();
        builder.AddRedisConnection("cache", HealthStatus.Degraded);
        builder.Services.AddOptions<CatalogCacheOptions>().BindConfiguration(CatalogCacheOptions.SectionName);
        builder.Services.AddSingleton<ProductCache>();
        builder.Services.AddSingleton<IAfterCommit, ProductCacheInvalidation>();
        builder.Services.AddOutbox<CatalogContext>("Catalog:Outbox", sp => sp.GetRequiredService<DatabaseReadiness>().WaitAsync);

        // Search indexes products and Cart drops cached prices from these events: their queues exist before the first one.
        builder.AddRabbitMqMessaging("messaging")
            .AddEventHandler<OrderPaidIntegrationEvent, OrderPaidIntegrationEventHandler>()
            .AddEventHandler<OrderRefundedIntegrationEvent, OrderRefundedIntegrationEventHandler>()
            .DeclareSubscribers<ProductUpsertedIntegrationEvent>(ProductEventSubscribers)
            .DeclareSubscribers<ProductDeletedIntegrationEvent>(ProductEventSubscribers);

        builder.Services.AddOptions<StockOptions>().BindConfiguration(StockOptions.SectionName);
        builder.Services.AddScoped<StockService>();
        builder.Services.AddHostedService<ReservationExpiryService>();
        builder.Services.AddScoped<ProductQueries>();

        builder.AddApiKeyAuthentication("Catalog");

        builder.Services.AddBadRequestProblems();
    }

    private static void AddCatalogDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("catalogdb")
            ?? throw new InvalidOperationException("ConnectionStrings:catalogdb is not configured.");

        builder.Services.AddDbContext<CatalogContext>((services, options) => options
            .UseMySql(connectionString, CatalogDatabase.ServerVersion)
            .UseAfterCommit(services));
        builder.Services.AddSingleton<DatabaseReadiness>();
        builder.Services.AddSingleton<CatalogSeed>();
        builder.Services.AddHostedService<CatalogDatabaseInitializer>();
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseReadinessHealthCheck>("catalogdb-schema", HealthStatus.Unhealthy, ["ready"])
            .AddDbContextCheck<CatalogContext>("catalogdb", HealthStatus.Unhealthy, ["ready"]);
    }
}
