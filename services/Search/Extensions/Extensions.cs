using IceCheckout.Search.Catalog;
using IceCheckout.Search.Engines;
using IceCheckout.Search.Engines.Elasticsearch;
using IceCheckout.Search.Engines.Lucene;
using IceCheckout.Search.Feed;
using IceCheckout.Search.Indexing;
using IceCheckout.Search.IntegrationEvents.EventHandling;
using IceCheckout.Search.IntegrationEvents.Events;
using IceCheckout.Search.Matching;
using IceCheckout.ServiceDefaults.Authentication;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace IceCheckout.Search;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.SectionName);
        builder.Services.AddSingleton(sp => new SearchAliases(sp.GetRequiredService<IOptions<SearchOptions>>().Value.Aliases));

        // Elasticsearch where ConnectionStrings:search is set; otherwise the embedded index.
        if (!builder.AddElasticsearchIndex("search"))
        {
            builder.Services.AddSingleton<IProductIndex, LuceneProductIndex>();
        }

        builder.Services.AddSingleton<ProductSearch>();
        builder.Services.AddSingleton<IndexState>();
        builder.Services.AddSingleton<IndexRebuilder>();
        builder.Services.AddHostedService<IndexStartup>();
        builder.Services.AddHttpClient<CatalogProductsClient>(http => http.BaseAddress = new Uri("http://catalog"));
        builder.Services.AddHealthChecks().AddCheck<IndexHealthCheck>("index", HealthStatus.Degraded, ["ready"]);

        var feed = builder.AddFeed();
        var messaging = builder.AddRabbitMqMessaging("messaging")
            .AddEventHandler<ProductUpsertedIntegrationEvent, ProductUpsertedIntegrationEventHandler>()
            .AddEventHandler<ProductDeletedIntegrationEvent, ProductDeletedIntegrationEventHandler>();
        if (feed)
        {
            messaging.AddFeedEvents();
        }

        builder.AddApiKeyAuthentication("Search");
        builder.Services.AddValidation();

        return builder;
    }
}
