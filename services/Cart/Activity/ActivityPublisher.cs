using IceCheckout.Messaging;

namespace IceCheckout.Cart.Activity;

/// <summary>
/// Publishes what shoppers do (scans, checklist items) after the change is written in Redis. The shopper's request
/// never fails for it: with the broker down the event is dropped with a warning, the feed is only less fresh for it,
/// and Search's offline job rebuilds the counts that matter from the orders.
/// </summary>
public sealed class ActivityPublisher(IEventPublisher publisher, ILogger<ActivityPublisher> logger)
{
    public async Task PublishAsync<TEvent>(TEvent activity, CancellationToken cancellationToken) where TEvent : IntegrationEvent
    {
        try
        {
            await publisher.PublishAsync(activity, cancellationToken);
        }
        catch (MessagingUnavailableException exception)
        {
            logger.LogWarning(exception, "Activity event {EventId} ({EventType}) was not published", activity.Id, typeof(TEvent).Name);
        }
    }
}
