using IceCheckout.Messaging;
using IceCheckout.Search.Feed.Events;

namespace IceCheckout.Search.Feed.EventHandling;

public sealed class SearchQueryPerformedIntegrationEventHandler(FeedActivity feed, ILogger<SearchQueryPerformedIntegrationEventHandler> logger)
    : IIntegrationEventHandler<SearchQueryPerformedIntegrationEvent>
{
    public async Task HandleAsync(SearchQueryPerformedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var applied = await feed.RecordQueryAsync(integrationEvent);
        logger.LogDebug("Query event {Id}: {Outcome}", integrationEvent.Id, applied ? "recorded in the feed" : "already recorded");
    }
}
