using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace IceCheckout.Messaging.Infrastructure;

/// <summary>
/// What event consumers and RPC workers share. Each queue is consumed on a channel of its own; a consumer the broker
/// drops in a way automatic recovery does not repair (its queue deleted, its channel closed for an error) is set up
/// again, and <see cref="ConsumerMonitor"/> reports it missing meanwhile. Shutdown is ordered: no new deliveries,
/// running handler calls finish (cancelled once the host's shutdown timeout passed, and still awaited), re-consume
/// attempts end, then the channels close; only then are the cancellation sources disposed.
/// </summary>
internal abstract class ConsumerService(ILogger logger, TimeSpan retryInterval, ConsumerMonitor monitor) : BackgroundService
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abortCalls = new();
    private readonly ConcurrentDictionary<IChannel, string> _consumers = new();
    private readonly ConcurrentDictionary<Task, byte> _runningCalls = new();
    private readonly ConcurrentDictionary<Task, byte> _reconsuming = new();
    private readonly ConcurrentDictionary<string, byte> _queues = new();
    private int _stopped;

    /// <param name="openChannel">Opens a channel with the queue declared and the prefetch set.</param>
    /// <param name="handle">Handles one delivery and settles it; its token is cancelled only when shutdown times out.</param>
    protected Task ConsumeAsync(
        string queue,
        Func<CancellationToken, Task<IChannel>> openChannel,
        Func<IChannel, BasicDeliverEventArgs, CancellationToken, Task> handle) =>
        ConsumeAsync(queue, openChannel, handle, _stopping.Token, _abortCalls.Token);

    private Task ConsumeAsync(
        string queue,
        Func<CancellationToken, Task<IChannel>> openChannel,
        Func<IChannel, BasicDeliverEventArgs, CancellationToken, Task> handle,
        CancellationToken stoppingToken,
        CancellationToken abortToken)
    {
        _queues[queue] = 0;
        return BrokerRetry.UntilDoneAsync(async cancellationToken =>
        {
            var channel = await openChannel(cancellationToken);
            try
            {
                var consumer = new BrokerCancellableConsumer(channel, () => ConsumeAgain(channel, queue, openChannel, handle, stoppingToken, abortToken));
                consumer.ReceivedAsync += (_, delivery) => TrackCallAsync(handle(channel, delivery, abortToken));
                channel.ChannelShutdownAsync += (_, reason) => reason.IsChannelError()
                    ? ConsumeAgain(channel, queue, openChannel, handle, stoppingToken, abortToken)
                    : Task.CompletedTask;
                _consumers[channel] = await channel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken);
                monitor.Consuming(queue, () => channel.IsOpen && consumer.IsRunning);
            }
            catch
            {
                await channel.DisposeAsync();
                throw;
            }
        }, retryInterval, logger, stoppingToken);
    }

    private Task ConsumeAgain(
        IChannel channel,
        string queue,
        Func<CancellationToken, Task<IChannel>> openChannel,
        Func<IChannel, BasicDeliverEventArgs, CancellationToken, Task> handle,
        CancellationToken stoppingToken,
        CancellationToken abortToken)
    {
        if (stoppingToken.IsCancellationRequested || !_consumers.TryRemove(channel, out _))
        {
            return Task.CompletedTask;
        }

        monitor.Lost(queue);
        logger.LogWarning("The broker dropped the consumer of {Queue}; consuming it again", queue);
        var again = Task.Run(async () =>
        {
            await channel.CloseChannelQuietlyAsync(logger);
            try
            {
                await ConsumeAsync(queue, openChannel, handle, stoppingToken, abortToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Shut down meanwhile.
            }
        });
        _reconsuming[again] = 0;
        _ = again.ContinueWith(done => _reconsuming.TryRemove(done, out _), TaskScheduler.Default);
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
        foreach (var queue in _queues.Keys)
        {
            monitor.Stopped(queue);
        }

        foreach (var (channel, consumerTag) in _consumers)
        {
            try
            {
                await channel.BasicCancelAsync(consumerTag, cancellationToken: CancellationToken.None);
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
        catch (Exception ex)
        {
            logger.LogDebug(ex, "A handler call failed while stopping");
        }

        await _abortCalls.CancelAsync();

        // Cancelled calls still end before the channels they settle on close.
        await WhenAllQuietlyAsync(_runningCalls.Keys);
        await WhenAllQuietlyAsync(_reconsuming.Keys);
        await base.StopAsync(CancellationToken.None);
        Volatile.Write(ref _stopped, 1);
        foreach (var channel in _consumers.Keys)
        {
            if (_consumers.TryRemove(channel, out _))
            {
                await channel.CloseChannelQuietlyAsync(logger);
            }
        }

        await WhenAllQuietlyAsync(_runningCalls.Keys);
    }

    private async Task WhenAllQuietlyAsync(ICollection<Task> tasks)
    {
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "A task ended with an error while stopping");
        }
    }

    public override void Dispose()
    {
        // Only once nothing can read them any more: a host that never stopped this service leaves them to the collector.
        if (Volatile.Read(ref _stopped) != 0)
        {
            _stopping.Dispose();
            _abortCalls.Dispose();
        }

        base.Dispose();
    }
}
