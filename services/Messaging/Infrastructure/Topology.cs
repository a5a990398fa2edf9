using RabbitMQ.Client;

namespace IceCheckout.Messaging.Infrastructure;

/// <summary>
/// Declares the exchanges and queues. Work queues are quorum queues that dead-letter into <c>&lt;queue&gt;.dlq</c> what a
/// consumer rejects, and whatever the broker handed out more than <see cref="MessagingOptions.BrokerDeliveryLimit"/> times.
/// A failed event waits in a retry queue <c>&lt;queue&gt;.retry.&lt;ms&gt;ms</c> whose message TTL returns it to its queue.
/// </summary>
internal static class Topology
{
    public static Task DeclareEventExchangeAsync(this IChannel channel, MessagingOptions options, CancellationToken cancellationToken) =>
        channel.ExchangeDeclareAsync(options.ExchangeName, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);

    public static async Task DeclareWorkQueueAsync(this IChannel channel, string queue, MessagingOptions options, CancellationToken cancellationToken)
    {
        var deadLetterQueue = MessagingOptions.DeadLetterQueueNameFor(queue);
        await channel.ExchangeDeclareAsync(options.DeadLetterExchangeName, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(deadLetterQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(deadLetterQueue, options.DeadLetterExchangeName, routingKey: queue, cancellationToken: cancellationToken);

        var arguments = new Dictionary<string, object?>
        {
            ["x-queue-type"] = "quorum",
            // A backstop only: handler failures are counted by the library (x-attempt) and retried through retry queues.
            ["x-delivery-limit"] = options.BrokerDeliveryLimit,
            ["x-dead-letter-exchange"] = options.DeadLetterExchangeName,
            ["x-dead-letter-routing-key"] = queue,
        };
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken);
    }

    public static async Task DeclareRetryQueuesAsync(this IChannel channel, string queue, MessagingOptions options, CancellationToken cancellationToken)
    {
        foreach (var delay in options.RetryDelays())
        {
            var arguments = new Dictionary<string, object?>
            {
                ["x-message-ttl"] = (long)delay.TotalMilliseconds,
                // Expired messages go back through the default exchange, whose routing key is the queue name.
                ["x-dead-letter-exchange"] = "",
                ["x-dead-letter-routing-key"] = queue,
            };
            await channel.QueueDeclareAsync(
                MessagingOptions.RetryQueueNameFor(queue, delay), durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken);
        }
    }

    /// <summary>The queue of one subscriber of one event, bound and ready, with its retry queues.</summary>
    public static async Task DeclareEventQueueAsync(this IChannel channel, string queue, string routingKey, MessagingOptions options, CancellationToken cancellationToken)
    {
        await channel.DeclareEventExchangeAsync(options, cancellationToken);
        await channel.DeclareWorkQueueAsync(queue, options, cancellationToken);
        await channel.DeclareRetryQueuesAsync(queue, options, cancellationToken);
        await channel.QueueBindAsync(queue, options.ExchangeName, routingKey, cancellationToken: cancellationToken);
    }
}
