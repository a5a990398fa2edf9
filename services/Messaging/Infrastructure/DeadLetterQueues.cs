using System.Text;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace IceCheckout.Messaging.Infrastructure;

/// <summary>The dead-letter queues of this service's work queues, read and changed on short-lived channels.</summary>
internal sealed class DeadLetterQueues(
    RabbitMqConnection connection,
    IEnumerable<EventSubscription> subscriptions,
    IEnumerable<RpcWorkerRegistration> workers,
    IOptions<MessagingOptions> options) : IDeadLetterQueues
{
    private const int MaxBodyCharacters = 4096;

    private readonly IReadOnlyList<string> _queues =
        [.. subscriptions.Select(s => options.Value.QueueNameFor(s.RoutingKey)).Concat(workers.Select(w => w.Queue)).Distinct().Order(StringComparer.Ordinal)];

    public bool Knows(string queue) => _queues.Contains(queue, StringComparer.Ordinal);

    public async Task<IReadOnlyList<DeadLetterQueueInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<DeadLetterQueueInfo>();
        foreach (var queue in _queues)
        {
            var deadLetterQueue = MessagingOptions.DeadLetterQueueNameFor(queue);
            result.Add(new DeadLetterQueueInfo(queue, deadLetterQueue, await CountAsync(deadLetterQueue, cancellationToken)));
        }

        return result;
    }

    public Task<IReadOnlyList<DeadLetter>> PeekAsync(string queue, int max, CancellationToken cancellationToken) =>
        WithChannelAsync<IReadOnlyList<DeadLetter>>(confirms: false, async channel =>
        {
            var letters = new List<DeadLetter>();
            while (letters.Count < max && await channel.BasicGetAsync(DeadLetterQueueOf(queue), autoAck: false, cancellationToken) is { } message)
            {
                letters.Add(Describe(message));
            }

            // Closing the channel without acks leaves every message where it was.
            return letters;
        }, cancellationToken);

    public Task<int> ReplayAsync(string queue, int max, CancellationToken cancellationToken) =>
        WithChannelAsync(confirms: true, async channel =>
        {
            var replayed = 0;
            while (replayed < max && await channel.BasicGetAsync(DeadLetterQueueOf(queue), autoAck: false, cancellationToken) is { } message)
            {
                var properties = new BasicProperties(message.BasicProperties)
                {
                    Headers = message.BasicProperties.Headers?
                        .Where(h => h.Key != MessageAttempts.Header && !h.Key.StartsWith("x-death", StringComparison.Ordinal) && !h.Key.StartsWith("x-first-death", StringComparison.Ordinal) && !h.Key.StartsWith("x-last-death", StringComparison.Ordinal))
                        .ToDictionary(h => h.Key, h => h.Value),
                };
                await channel.BasicPublishAsync("", queue, mandatory: true, properties, message.Body, cancellationToken);
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
                replayed++;
            }

            return replayed;
        }, cancellationToken);

    public Task<int> DropAsync(string queue, int max, CancellationToken cancellationToken) =>
        WithChannelAsync(confirms: false, async channel =>
        {
            var dropped = 0;
            while (dropped < max && await channel.BasicGetAsync(DeadLetterQueueOf(queue), autoAck: true, cancellationToken) is not null)
            {
                dropped++;
            }

            return dropped;
        }, cancellationToken);

    private Task<uint> CountAsync(string deadLetterQueue, CancellationToken cancellationToken) =>
        WithChannelAsync(confirms: false, async channel =>
        {
            try
            {
                return (await channel.QueueDeclarePassiveAsync(deadLetterQueue, cancellationToken)).MessageCount;
            }
            catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
            {
                return 0u;
            }
        }, cancellationToken);

    private string DeadLetterQueueOf(string queue) => Knows(queue)
        ? MessagingOptions.DeadLetterQueueNameFor(queue)
        : throw new ArgumentException($"'{queue}' is not a work queue of this service.", nameof(queue));

    private async Task<T> WithChannelAsync<T>(bool confirms, Func<IChannel, Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            await using var channel = await connection.Current.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: confirms, publisherConfirmationTrackingEnabled: confirms), cancellationToken);
            return await action(channel);
        }
        catch (PublishReturnException ex)
        {
            throw new MessageUnroutableException($"The queue to replay into is gone: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex.IsBrokerFailure())
        {
            throw new MessagingUnavailableException($"RabbitMQ refused the dead-letter operation: {ex.Message}", ex);
        }
    }

    private static DeadLetter Describe(BasicGetResult message)
    {
        var properties = message.BasicProperties;
        var body = Encoding.UTF8.GetString(message.Body.Span);
        return new DeadLetter(
            properties.MessageId,
            properties.Type,
            MessageAttempts.Of(properties),
            properties.ReadHeader("x-first-death-reason") ?? "handler failed on every attempt",
            properties.IsTimestampPresent() ? DateTimeOffset.FromUnixTimeSeconds(properties.Timestamp.UnixTime) : null,
            body.Length > MaxBodyCharacters ? body[..MaxBodyCharacters] : body);
    }
}
