using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace IceCheckout.Messaging.Infrastructure;

/// <summary>
/// Consumes each subscribed event from its durable queue <c>&lt;service&gt;.&lt;routing key&gt;</c> with manual acks.
/// A handler that throws gets the message again later: it waits in a retry queue (each pause four times the last, see
/// <see cref="MessagingOptions.RetryDelayAfter"/>) and returns with its attempt counted in <c>x-attempt</c>; after
/// <see cref="MessagingOptions.MaxDeliveryAttempts"/> attempts it is dead-lettered. A message handed back unsettled
/// (shutdown, lost channel) keeps its count.
/// </summary>
internal sealed class EventConsumerService(
    RabbitMqConnection connection,
    IEnumerable<EventSubscription> subscriptions,
    IServiceProvider services,
    ConsumerMonitor monitor,
    IOptions<MessagingOptions> options,
    ILogger<EventConsumerService> logger) : ConsumerService(logger, options.Value.ReconnectInterval, monitor), IAsyncDisposable
{
    private readonly ConfirmingChannel _retries = new(connection, options, static (_, _) => Task.CompletedTask);

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
                (channel, delivery, cancellationToken) => HandleAsync(channel, queue, subscription, delivery, cancellationToken));
            logger.LogInformation("Consuming {RoutingKey} from {Queue}", subscription.RoutingKey, queue);
        }
    }

    private async Task<IChannel> OpenChannelAsync(IConnection liveConnection, string queue, string routingKey, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var channel = await liveConnection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            await channel.DeclareEventQueueAsync(queue, routingKey, settings, cancellationToken);
            await channel.BasicQosAsync(prefetchSize: 0, settings.PrefetchCount, global: false, cancellationToken);
            return channel;
        }
        catch
        {
            await channel.DisposeAsync();
            throw;
        }
    }

    private async Task HandleAsync(
        IChannel channel, string queue, EventSubscription subscription, BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
    {
        using var activity = MessageTracing.StartReceive($"{subscription.RoutingKey} process", ActivityKind.Consumer, delivery.BasicProperties);
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.rabbitmq.destination.routing_key", subscription.RoutingKey);
        activity?.SetTag("messaging.message.id", delivery.BasicProperties.MessageId);

        var attempt = MessageAttempts.Of(delivery.BasicProperties);
        try
        {
            await subscription.HandleAsync(services, delivery.Body, cancellationToken);
            await channel.SettleAsync(delivery, Settlement.Ack, logger);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: closing the channel hands the message back to the queue, its attempt not counted.
        }
        catch (Exception ex) when (ex is PoisonMessageException or UnprocessableMessageException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            logger.LogError(ex, "Unreadable {RoutingKey} message {MessageId}; dead-lettering it", subscription.RoutingKey, delivery.BasicProperties.MessageId);
            await channel.SettleAsync(delivery, Settlement.DeadLetter, logger);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            await RetryLaterOrDeadLetterAsync(channel, queue, subscription, delivery, attempt, ex);
        }
    }

    private async Task RetryLaterOrDeadLetterAsync(
        IChannel channel, string queue, EventSubscription subscription, BasicDeliverEventArgs delivery, int attempt, Exception failure)
    {
        var settings = options.Value;
        var messageId = delivery.BasicProperties.MessageId;
        if (attempt >= settings.MaxDeliveryAttempts)
        {
            logger.LogError(failure, "Handling {RoutingKey} message {MessageId} failed {Attempts} times; dead-lettering it",
                subscription.RoutingKey, messageId, attempt);
            await DeadLetterAsync(channel, queue, delivery, attempt);
            return;
        }

        var delay = settings.RetryDelayAfter(attempt);
        logger.LogWarning(failure, "Handling {RoutingKey} message {MessageId} failed (attempt {Attempt} of {MaxAttempts}); retrying in {Delay}",
            subscription.RoutingKey, messageId, attempt, settings.MaxDeliveryAttempts, delay);
        try
        {
            var again = MessageAttempts.WithAttempt(delivery.BasicProperties, attempt + 1);
            await _retries.PublishAsync("", MessagingOptions.RetryQueueNameFor(queue, delay), again, delivery.Body, CancellationToken.None);
            await channel.SettleAsync(delivery, Settlement.Ack, logger);
        }
        catch (MessagingException ex)
        {
            // The retry queue did not take it: the broker keeps the message and hands it out again.
            logger.LogWarning("Could not park {MessageId} for a retry ({Reason}); returning it to its queue", messageId, ex.Message);
            await channel.SettleAsync(delivery, Settlement.Requeue, logger);
        }
    }

    /// <summary>Dead-letters a copy that carries its attempt count, so staff see how often it was tried.</summary>
    private async Task DeadLetterAsync(IChannel channel, string queue, BasicDeliverEventArgs delivery, int attempt)
    {
        try
        {
            var counted = MessageAttempts.WithAttempt(delivery.BasicProperties, attempt);
            await _retries.PublishAsync(options.Value.DeadLetterExchangeName, queue, counted, delivery.Body, CancellationToken.None);
            await channel.SettleAsync(delivery, Settlement.Ack, logger);
        }
        catch (MessagingException ex)
        {
            logger.LogWarning("Could not copy {MessageId} from {Queue} to its dead-letter queue ({Reason}); rejecting it there instead",
                delivery.BasicProperties.MessageId, queue, ex.Message);
            await channel.SettleAsync(delivery, Settlement.DeadLetter, logger);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _retries.DisposeAsync();
        Dispose();
    }
}

/// <summary>The library's own count of handler attempts, carried in the header <c>x-attempt</c>.</summary>
internal static class MessageAttempts
{
    public const string Header = "x-attempt";

    public static int Of(IReadOnlyBasicProperties properties) =>
        int.TryParse(properties.ReadHeader(Header), NumberStyles.None, CultureInfo.InvariantCulture, out var attempt) && attempt >= 1
            ? attempt
            : 1;

    public static BasicProperties WithAttempt(IReadOnlyBasicProperties properties, int attempt)
    {
        var copy = new BasicProperties(properties)
        {
            Headers = properties.Headers is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(properties.Headers),
        };
        copy.Headers![Header] = attempt.ToString(CultureInfo.InvariantCulture);
        return copy;
    }
}
