using IceCheckout.Messaging;
using IceCheckout.Search.Feed.Events;

namespace IceCheckout.Search.Feed.EventHandling;

public sealed class ChecklistItemAddedIntegrationEventHandler(FeedActivity feed, ILogger<ChecklistItemAddedIntegrationEventHandler> logger)
    : IIntegrationEventHandler<ChecklistItemAddedIntegrationEvent>
{
    public async Task HandleAsync(ChecklistItemAddedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var applied = await feed.RecordChecklistItemAddedAsync(integrationEvent);
        logger.LogDebug("Checklist item event {Id}: {Outcome}", integrationEvent.Id, applied ? "recorded in the feed" : "already recorded");
    }
}
