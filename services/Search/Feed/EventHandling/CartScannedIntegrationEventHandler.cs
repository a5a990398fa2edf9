using IceCheckout.Messaging;
using IceCheckout.Search.Feed.Events;

namespace IceCheckout.Search.Feed.EventHandling;

public sealed class CartScannedIntegrationEventHandler(FeedActivity feed, ILogger<CartScannedIntegrationEventHandler> logger)
    : IIntegrationEventHandler<CartScannedIntegrationEvent>
{
    public async Task HandleAsync(CartScannedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var applied = await feed.RecordCartScannedAsync(integrationEvent);
        logger.LogDebug("Scan event {Id}: {Outcome}", integrationEvent.Id, applied ? "recorded in the feed" : "already recorded");
    }
}
