namespace IceCheckout.Messaging;

/// <summary>Handles one event. Throwing makes the message redelivered a bounded number of times, then dead-lettered.</summary>
public interface IIntegrationEventHandler<in TEvent> where TEvent : IntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}
