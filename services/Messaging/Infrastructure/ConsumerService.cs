using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace IceCheckout.Messaging.Infrastructure;

/// <summary>
/// What event consumers and RPC workers share. Each queue is consumed on a channel of its own; a consumer the broker
/// drops in a way automatic recovery does not repair (its queue deleted, its channel closed for an error) is set up
/// again. Shutdown is graceful: no new deliveries, running handler calls finish within the host's shutdown timeout,
/// then the channels close and the broker hands anything unacknowledged to another consumer.
/// </summary>
internal abstract class ConsumerService(ILogger logger, TimeSpan retryInterval) : BackgroundService
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abortCalls = new();
    private readonly ConcurrentDictionary<IChannel, string> _consumers = new();
    private readonly ConcurrentDictionary<Task, byte> _runningCalls = new();

    /// <param name="openChannel">Opens a channel with the queue declared and the prefetch set.</param>
    /// <param name="handle">Handles one delivery and settles it; its token is cancelled only when shutdown times out.</param>
    protected Task ConsumeAsync(
        string queue,
        Func<CancellationToken, Task<IChannel>> openChannel,
        Func<IChannel, BasicDeliverEventArgs, CancellationToken, Task> handle) =>
        BrokerRetry.UntilDoneAsync(async cancellationToken =>
        {
            var channel = await openChannel(cancellationToken);
            try
            {
                var consumer = new BrokerCancellableConsumer(channel, () => ConsumeAgain(channel, queue, openChannel, handle));
                consumer.ReceivedAsync += (_, delivery) => TrackCallAsync(handle(channel, delivery, _abortCalls.Token));
                channel.ChannelShutdownAsync += (_, reason) => reason.IsChannelError()
                    ? ConsumeAgain(channel, queue, openChannel, handle)
                    : Task.CompletedTask;
                _consumers[channel] = await channel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken);
            }
            catch
            {
                await channel.DisposeAsync();
                throw;
            }
        }, retryInterval, logger, _stopping.Token);

    private Task ConsumeAgain(
        IChannel channel,
        string queue,
        Func<CancellationToken, Task<IChannel>> openChannel,
        Func<IChannel, BasicDeliverEventArgs, CancellationToken, Task> handle)
    {
        if (_stopping.IsCancellationRequested || !_consumers.TryRemove(channel, out _))
        {
            return Task.CompletedTask;
        }

        logger.LogWarning("The broker dropped the consumer of {Queue}; consuming it again", queue);
        _ = Task.Run(async () =>
        {
            await channel.CloseChannelQuietlyAsync(logger);
            try
            {
                await ConsumeAsync(queue, openChannel, handle);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                // Shut down meanwhile.
            }
        });
        return Task.CompletedTask;
    }

    private async Task TrackCallAsync(Task call)
    {
        _runningCalls[call] = 0;
        try
        {
            await call;
        }
        finally
        {
            _runningCalls.TryRemove(call, out _);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        foreach (var (channel, consumerTag) in _consumers)
        {
            try
            {
                await channel.BasicCancelAsync(consumerTag, cancellationToken: cancellationToken);
            }
            catch (Exception ex) when (ex.IsBrokerFailure() || ex is ObjectDisposedException)
            {
                logger.LogDebug("Cancelling consumer {ConsumerTag} failed: {Reason}", consumerTag, ex.Message);
            }
        }

        try
        {
            await Task.WhenAll(_runningCalls.Keys).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Shutdown timed out with {Count} handler calls still running; cancelling them", _runningCalls.Count);
        }

        await _abortCalls.CancelAsync();

        await base.StopAsync(cancellationToken);
        foreach (var channel in _consumers.Keys)
        {
            if (_consumers.TryRemove(channel, out _))
            {
                await channel.CloseChannelQuietlyAsync(logger);
            }
        }
    }

    public override void Dispose()
    {
        _stopping.Dispose();
        _abortCalls.Dispose();
        base.Dispose();
    }
}
