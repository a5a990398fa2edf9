using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace IceCheckout.Messaging.Infrastructure;

/// <summary>
/// Sends requests to durable RPC queues and matches replies by correlation id. Replies come by direct reply-to
/// on the publishing channel; a reply that arrives after its caller gave up is dropped. Direct reply-to is bound to
/// that channel, so when it closes (a broker restart, a lost connection) no pending reply can arrive any more: every
/// waiting call fails at once with <see cref="MessagingUnavailableException"/>.
/// </summary>
internal sealed class RabbitMqRpcClient : IRpcClient, IAsyncDisposable
{
    private readonly IOptions<MessagingOptions> _options;
    private readonly ILogger<RabbitMqRpcClient> _logger;
    private readonly ConfirmingChannel _channel;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<RpcReply>> _pending = new();
    private readonly ConcurrentDictionary<string, bool> _declaredQueues = new();

    private AsyncEventingBasicConsumer? _replyConsumer;

    public RabbitMqRpcClient(RabbitMqConnection connection, ConsumerMonitor monitor, IOptions<MessagingOptions> options, ILogger<RabbitMqRpcClient> logger)
    {
        _options = options;
        _logger = logger;
        _channel = new ConfirmingChannel(connection, options, StartReceivingRepliesAsync);
        monitor.Consuming("rpc replies", () => _replyConsumer is not { } consumer || (consumer.Channel.IsOpen && consumer.IsRunning));
    }

    public async Task<TResponse> CallAsync<TRequest, TResponse>(
        string queue,
        TRequest request,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);

        using var activity = MessageTracing.StartSend($"{queue} call", ActivityKind.Client);
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.destination.name", queue);

        var correlationId = Guid.NewGuid().ToString("N");
        var reply = new TaskCompletionSource<RpcReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[correlationId] = reply;
        try
        {
            await DeclareQueueOnceAsync(queue, cancellationToken);

            var headers = new Dictionary<string, object?>();
            MessageTracing.Inject(activity, headers);
            var properties = new BasicProperties
            {
                CorrelationId = correlationId,
                ReplyTo = RpcHeaders.DirectReplyTo,
                MessageId = correlationId,
                Type = typeof(TRequest).Name,
                ContentType = MessagingJson.ContentType,
                // A request nobody took in time is useless: the broker expires it (into the dead-letter queue).
                Expiration = ((long)Math.Ceiling(timeout.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture),
                Headers = headers,
            };
            await _channel.PublishAsync(exchange: "", queue, properties, MessagingJson.Serialize(request), cancellationToken);

            var answer = await reply.Task.WaitAsync(timeout, cancellationToken);
            if (answer.Error is not null)
            {
                throw new RpcRemoteException(queue, answer.Error);
            }

            try
            {
                return MessagingJson.Deserialize<TResponse>(answer.Body);
            }
            catch (PoisonMessageException ex)
            {
                throw new RpcRemoteException(queue, $"unreadable reply: {ex.Message}");
            }
        }
        catch (TimeoutException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "timeout");
            throw new RpcTimeoutException(queue, timeout);
        }
        catch (MessageUnroutableException ex)
        {
            // The queue is gone: declare it again on the next call, so that requests wait in it for a worker.
            _declaredQueues.TryRemove(queue, out _);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
        catch (MessagingException ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
        finally
        {
            _pending.TryRemove(correlationId, out _);
        }
    }

    /// <summary>Callers may start before any worker: the request queue is declared (idempotently) so requests wait in it.</summary>
    private async Task DeclareQueueOnceAsync(string queue, CancellationToken cancellationToken)
    {
        if (_declaredQueues.ContainsKey(queue))
        {
            return;
        }

        try
        {
            var channel = await _channel.GetOpenChannelAsync(cancellationToken);
            await channel.DeclareWorkQueueAsync(queue, _options.Value, cancellationToken);
            _declaredQueues[queue] = true;
        }
        catch (Exception ex) when (ex.IsBrokerFailure())
        {
            throw new MessagingUnavailableException($"Could not declare the RPC queue '{queue}': {ex.Message}", ex);
        }
    }

    private async Task StartReceivingRepliesAsync(IChannel channel, CancellationToken cancellationToken)
    {
        _declaredQueues.Clear();
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += OnReplyAsync;
        channel.ChannelShutdownAsync += (_, reason) => FailPendingCalls($"the reply channel closed ({reason.ReplyText})");
        consumer.UnregisteredAsync += (_, _) => FailPendingCalls("the broker cancelled the reply consumer");
        await channel.BasicConsumeAsync(RpcHeaders.DirectReplyTo, autoAck: true, consumer, cancellationToken);
        _replyConsumer = consumer;
    }

    private Task FailPendingCalls(string reason)
    {
        foreach (var correlationId in _pending.Keys)
        {
            if (_pending.TryRemove(correlationId, out var caller))
            {
                caller.TrySetException(new MessagingUnavailableException($"No reply can arrive any more: {reason}."));
            }
        }

        return Task.CompletedTask;
    }

    private Task OnReplyAsync(object sender, BasicDeliverEventArgs delivery)
    {
        var correlationId = delivery.BasicProperties.CorrelationId;
        if (correlationId is not null && _pending.TryRemove(correlationId, out var caller))
        {
            var error = delivery.BasicProperties.ReadHeader(RpcHeaders.Error);
            caller.TrySetResult(new RpcReply(delivery.Body.ToArray(), error));
        }
        else
        {
            _logger.LogDebug("Dropped a late reply {CorrelationId}: its caller already gave up", correlationId);
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => _channel.DisposeAsync();

    private sealed record RpcReply(byte[] Body, string? Error);
}
