using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace IceCheckout.Messaging.Infrastructure;

/// <summary>A consumer that reports when the broker cancels it (its queue was deleted), which automatic recovery does not repair.</summary>
internal sealed class BrokerCancellableConsumer(IChannel channel, Func<Task> onCancelledByBroker) : AsyncEventingBasicConsumer(channel)
{
    public override async Task HandleBasicCancelAsync(string consumerTag, CancellationToken cancellationToken = default)
    {
        await base.HandleBasicCancelAsync(consumerTag, cancellationToken);
        await onCancelledByBroker();
    }
}
