using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace IceCheckout.Messaging.Infrastructure;

/// <summary>
/// A channel with publisher confirms, opened on first use. After a connection loss the client recovers it;
/// a channel the broker closed for an error is replaced. Every failure surfaces as <see cref="MessagingUnavailableException"/>;
/// messages are mandatory, so one that no queue takes is <see cref="MessageUnroutableException"/> rather than a confirm.
/// </summary>
/// <param name="onOpened">Declares what the owner needs on a new channel (an exchange, a reply consumer).</param>
internal sealed class ConfirmingChannel(
    RabbitMqConnection connection,
    IOptions<MessagingOptions> options,
    Func<IChannel, CancellationToken, Task> onOpened) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IChannel? _channel;

    public async Task PublishAsync(
        string exchange,
        string routingKey,
        BasicProperties properties,
        ReadOnlyMemory<byte> body,
        CancellationToken cancellationToken)
    {
        var timeout = options.Value.PublishConfirmTimeout;
        using var confirmTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        confirmTimeout.CancelAfter(timeout);
        try
        {
            var channel = await GetOpenChannelAsync(confirmTimeout.Token);
            await channel.BasicPublishAsync(exchange, routingKey, mandatory: true, properties, body, confirmTimeout.Token);
        }
        catch (PublishReturnException ex)
        {
            throw new MessageUnroutableException(
                $"No queue is bound for the message to '{routingKey}'{(exchange.Length > 0 ? $" on '{exchange}'" : "")}; it was not delivered.", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MessagingUnavailableException(
                $"RabbitMQ did not confirm the message to '{routingKey}' within {timeout.TotalMilliseconds:0} ms.", ex);
        }
        catch (Exception ex) when (ex.IsBrokerFailure())
        {
            throw new MessagingUnavailableException($"RabbitMQ did not take the message to '{routingKey}': {ex.Message}", ex);
        }
    }

    public async Task<IChannel> GetOpenChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } open)
        {
            return open;
        }

        var liveConnection = connection.Current;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_channel is { IsOpen: true } opened)
            {
                return opened;
            }

            if (_channel is not null)
            {
                await _channel.DisposeAsync();
                _channel = null;
            }

            var channel = await liveConnection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
                cancellationToken);
            try
            {
                await onOpened(channel, cancellationToken);
            }
            catch
            {
                await channel.DisposeAsync();
                throw;
            }

            _channel = channel;
            return channel;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _channel, null) is { } channel)
        {
            await channel.DisposeAsync();
        }
    }
}
