using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace IceCheckout.Messaging.Infrastructure;

internal enum Settlement
{
    Ack,
    /// <summary>Back to the queue; the queue's delivery limit dead-letters it after the last attempt.</summary>
    Requeue,
    /// <summary>Straight to the dead-letter queue.</summary>
    DeadLetter,
}

internal static class ChannelSettlement
{
    /// <summary>
    /// Acks or rejects a delivery. If the channel is gone meanwhile, the broker already handed the message back
    /// to the queue, so there is nothing more to do than say so.
    /// </summary>
    public static async Task SettleAsync(this IChannel channel, BasicDeliverEventArgs delivery, Settlement settlement, ILogger logger)
    {
        try
        {
            if (settlement == Settlement.Ack)
            {
                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            }
            else
            {
                await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: settlement == Settlement.Requeue);
            }
        }
        catch (Exception ex) when (ex.IsBrokerFailure() || ex is ObjectDisposedException)
        {
            logger.LogWarning("Could not {Settlement} message {MessageId}: {Reason}; the broker redelivers it",
                settlement, delivery.BasicProperties.MessageId, ex.Message);
        }
    }

    /// <summary>
    /// Closes and disposes a channel. A channel already closed or disposed (by its connection shutting down first,
    /// or by a concurrent close) is not an error here.
    /// </summary>
    public static async Task CloseChannelQuietlyAsync(this IChannel channel, ILogger logger)
    {
        try
        {
            await channel.CloseAsync();
        }
        catch (Exception ex) when (ex.IsBrokerFailure() || ex is ObjectDisposedException)
        {
            logger.LogDebug("Closing a channel failed: {Reason}", ex.Message);
        }

        try
        {
            await channel.DisposeAsync();
        }
        catch (ObjectDisposedException)
        {
            // Disposed already.
        }
    }
}
