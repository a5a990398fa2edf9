using IceCheckout.Messaging;
using IceCheckout.Search.Feed.EventHandling;
using IceCheckout.Search.Feed.Events;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IceCheckout.Search.Feed;

public static class FeedExtensions
{
    /// <summary>
    /// The feed, where <c>ConnectionStrings:cache</c> (Redis) is configured; false when it is not (search works without it,
    /// the feed answers 503). Redis down is Degraded: search goes on, the feed does not.
    /// </summary>
    public static bool AddFeed(this IHostApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("cache")))
        {
            return false;
        }

        builder.AddRedisConnection("cache", HealthStatus.Degraded);
        var services = builder.Services;
        services.AddOptions<FeedOptions>().BindConfiguration(FeedOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<FeedKeys>();
        services.AddSingleton<FeedActivity>();
        services.AddSingleton<ProductCards>();
        services.AddSingleton<FeedReader>();
        services.AddSingleton<FeedRebuilder>();
        services.AddHostedService<FeedRebuildSchedule>();
        services.AddHttpClient<CartOrdersClient>(http => http.BaseAddress = new Uri("http://cart"));
        services.AddSingleton<QuerySampler>();
        services.AddHostedService<QueryEventPublisher>();
        return true;
    }

    /// <summary>The activity the feed learns from; Search also declares the queue of the searches it samples itself.</summary>
    public static MessagingBuilder AddFeedEvents(this MessagingBuilder messaging) => messaging
        .AddEventHandler<OrderPaidIntegrationEvent, OrderPaidIntegrationEventHandler>()
        .AddEventHandler<CartScannedIntegrationEvent, CartScannedIntegrationEventHandler>()
        .AddEventHandler<ChecklistItemAddedIntegrationEvent, ChecklistItemAddedIntegrationEventHandler>()
        .AddEventHandler<SearchQueryPerformedIntegrationEvent, SearchQueryPerformedIntegrationEventHandler>()
        .DeclareSubscribers<SearchQueryPerformedIntegrationEvent>("icecheckout.search");
}
