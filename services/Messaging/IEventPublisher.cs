namespace IceCheckout.Messaging;

public interface IEventPublisher
{
    /// <summary>
    /// Publishes on the integration-events exchange and returns once the broker has confirmed it.
    /// Throws <see cref="MessagingUnavailableException"/> when the broker cannot take it; nothing is dropped silently.
    /// </summary>
    Task PublishAsync<TEvent>(TEvent integrationEvent, CancellationToken cancellationToken = default) where TEvent : IntegrationEvent;

    /// <summary>Publishes an already serialised event (an outbox row) with the same guarantees.</summary>
    Task PublishAsync(OutgoingMessage message, CancellationToken cancellationToken = default);
}
