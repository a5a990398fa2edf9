using IceCheckout.Messaging;
using IceCheckout.Search.Feed.Events;

namespace IceCheckout.Search.Feed.EventHandling;

public sealed class OrderPaidIntegrationEventHandler(FeedActivity feed, ILogger<OrderPaidIntegrationEventHandler> logger)
    : IIntegrationEventHandler<OrderPaidIntegrationEvent>
{
    public async Task HandleAsync(OrderPaidIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var applied = await feed.RecordOrderPaidAsync(integrationEvent);
        logger.LogDebug("Paid order event {Id}: {Outcome}", integrationEvent.Id, applied ? "recorded in the feed" : "already recorded");
    }
}
