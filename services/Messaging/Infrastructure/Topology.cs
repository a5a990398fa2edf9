using RabbitMQ.Client;

namespace IceCheckout.Messaging.Infrastructure;

/// <summary>
/// Declares the exchanges and queues. Work queues are quorum queues: the broker counts deliveries and, past
/// <see cref="MessagingOptions.MaxDeliveryAttempts"/>, dead-letters the message into <c>&lt;queue&gt;.dlq</c>,
/// as it does with a message a consumer rejects.
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
            // The broker dead-letters a message once it was returned more often than this.
            ["x-delivery-limit"] = options.MaxDeliveryAttempts - 1,
            ["x-dead-letter-exchange"] = options.DeadLetterExchangeName,
            ["x-dead-letter-routing-key"] = queue,
        };
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken);
    }
}
