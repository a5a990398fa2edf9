using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace IceCheckout.Messaging.Infrastructure;

/// <summary>
/// What event consumers and RPC workers share: they consume on channels of their own, and they shut down gracefully,
/// stopping new deliveries, letting running handler calls finish within the host's shutdown timeout, then closing
/// the channels (the broker hands anything unacknowledged to another consumer).
/// </summary>
internal abstract class ConsumerService(ILogger logger) : BackgroundService
{
    private readonly ConcurrentDictionary<(IChannel Channel, string ConsumerTag), byte> _consumers = new();
    private readonly ConcurrentDictionary<Task, byte> _runningCalls = new();

    protected void TrackConsumer(IChannel channel, string consumerTag) => _consumers[(channel, consumerTag)] = 0;

    /// <summary>Runs one handler call so that shutdown can wait for it.</summary>
    protected async Task TrackCallAsync(Task call)
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
        foreach (var (channel, consumerTag) in _consumers.Keys)
        {
            try
            {
                await channel.BasicCancelAsync(consumerTag, cancellationToken: cancellationToken);
            }
            catch (Exception ex) when (ex.IsBrokerFailure())
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
            logger.LogWarning("Shutdown timed out with {Count} handler calls still running; they are cancelled", _runningCalls.Count);
        }

        await base.StopAsync(cancellationToken);
        foreach (var channel in _consumers.Keys.Select(consumer => consumer.Channel).Distinct())
        {
            await channel.CloseChannelQuietlyAsync(logger);
        }
    }
}
