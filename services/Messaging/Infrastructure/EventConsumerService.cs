using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace IceCheckout.Messaging.Infrastructure;

/// <summary>
/// Consumes each subscribed event from its durable queue <c>&lt;service&gt;.&lt;routing key&gt;</c> with manual acks.
/// A handler that throws gets the message again until the queue's delivery limit dead-letters it.
/// </summary>
internal sealed class EventConsumerService(
    RabbitMqConnection connection,
    IEnumerable<EventSubscription> subscriptions,
    IServiceProvider services,
    IOptions<MessagingOptions> options,
    ILogger<EventConsumerService> logger) : ConsumerService(logger, options.Value.ReconnectInterval)
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var liveConnection = await connection.WaitForConnectionAsync(stoppingToken);
        var settings = options.Value;
        foreach (var subscription in subscriptions)
        {
            var queue = settings.QueueNameFor(subscription.RoutingKey);
            await ConsumeAsync(
                queue,
                cancellationToken => OpenChannelAsync(liveConnection, queue, subscription.RoutingKey, cancellationToken),
                (channel, delivery, cancellationToken) => HandleAsync(channel, subscription, delivery, cancellationToken));
            logger.LogInformation("Consuming {RoutingKey} from {Queue}", subscription.RoutingKey, queue);
        }
    }

    private async Task<IChannel> OpenChannelAsync(IConnection liveConnection, string queue, string routingKey, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var channel = await liveConnection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            await channel.DeclareEventExchangeAsync(settings, cancellationToken);
            await channel.DeclareWorkQueueAsync(queue, settings, cancellationToken);
            await channel.QueueBindAsync(queue, settings.ExchangeName, routingKey, cancellationToken: cancellationToken);
            await channel.BasicQosAsync(prefetchSize: 0, settings.PrefetchCount, global: false, cancellationToken);
            return channel;
        }
        catch
        {
            await channel.DisposeAsync();
            throw;
        }
    }

    private async Task HandleAsync(IChannel channel, EventSubscription subscription, BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
    {
        using var activity = MessageTracing.StartReceive($"{subscription.RoutingKey} process", ActivityKind.Consumer, delivery.BasicProperties);
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.rabbitmq.destination.routing_key", subscription.RoutingKey);
        activity?.SetTag("messaging.message.id", delivery.BasicProperties.MessageId);

        var attempt = DeliveryAttempt(delivery);
        try
        {
            await subscription.HandleAsync(services, delivery.Body, cancellationToken);
            await channel.SettleAsync(delivery, Settlement.Ack, logger);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: closing the channel hands the message back to the queue.
        }
        catch (PoisonMessageException ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            logger.LogError(ex, "Unreadable {RoutingKey} message {MessageId}; dead-lettering it", subscription.RoutingKey, delivery.BasicProperties.MessageId);
            await channel.SettleAsync(delivery, Settlement.DeadLetter, logger);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            logger.LogWarning(ex, "Handling {RoutingKey} message {MessageId} failed (attempt {Attempt} of {MaxAttempts})",
                subscription.RoutingKey, delivery.BasicProperties.MessageId, attempt, options.Value.MaxDeliveryAttempts);
            await channel.SettleAsync(delivery, Settlement.Requeue, logger);
        }
    }

    /// <summary>Quorum queues count earlier deliveries in <c>x-delivery-count</c>.</summary>
    private static long DeliveryAttempt(BasicDeliverEventArgs delivery) =>
        delivery.BasicProperties.Headers?.TryGetValue("x-delivery-count", out var count) == true && count is long previous
            ? previous + 1
            : 1;
}
