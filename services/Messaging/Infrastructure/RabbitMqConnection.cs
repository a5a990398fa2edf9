using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace IceCheckout.Messaging.Infrastructure;

/// <summary>
/// The service's one connection to RabbitMQ. It is made in the background and retried until the broker answers,
/// so the service starts while the broker is down; once made, the client's automatic recovery keeps it
/// (and the queues, bindings and consumers declared on it) alive across broker restarts.
/// </summary>
internal sealed class RabbitMqConnection(
    Uri uri,
    IConnectionFactory connectionFactory,
    IOptions<MessagingOptions> options,
    ILogger<RabbitMqConnection> logger)
    : BackgroundService, IAsyncDisposable
{
    private readonly TaskCompletionSource<IConnection> _connection = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    public bool IsOpen => _connection.Task.IsCompletedSuccessfully && _connection.Task.Result.IsOpen;

    /// <summary>The open connection, or <see cref="MessagingUnavailableException"/> while there is none.</summary>
    public IConnection Current => IsOpen
        ? _connection.Task.Result
        : throw new MessagingUnavailableException($"The connection to RabbitMQ at {uri.Host}:{uri.Port} is down.");

    /// <summary>Waits for the first connection; after it, the connection recovers by itself.</summary>
    public Task<IConnection> WaitForConnectionAsync(CancellationToken cancellationToken) =>
        _connection.Task.WaitAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (connectionFactory is ConnectionFactory factory)
        {
            // What the guarantees rest on: the connection, and what was declared on it, recover after a broker restart.
            factory.AutomaticRecoveryEnabled = true;
            factory.TopologyRecoveryEnabled = true;
            factory.NetworkRecoveryInterval = settings.ReconnectInterval;
            factory.RequestedConnectionTimeout = TimeSpan.FromSeconds(5);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var connection = await connectionFactory.CreateConnectionAsync(settings.ServiceName, stoppingToken);
                connection.ConnectionShutdownAsync += OnShutdownAsync;
                connection.RecoverySucceededAsync += OnRecoveredAsync;
                _connection.SetResult(connection);
                logger.LogInformation("Connected to RabbitMQ at {Host}:{Port}", uri.Host, uri.Port);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("RabbitMQ at {Host}:{Port} is unreachable ({Reason}); retrying in {Interval}",
                    uri.Host, uri.Port, ex.Message, settings.ReconnectInterval);
                await Task.Delay(settings.ReconnectInterval, stoppingToken);
            }
        }
    }

    private Task OnShutdownAsync(object sender, ShutdownEventArgs args)
    {
        logger.LogWarning("The connection to RabbitMQ closed: {Reason}", args.ReplyText);
        return Task.CompletedTask;
    }

    private Task OnRecoveredAsync(object sender, AsyncEventArgs args)
    {
        logger.LogInformation("The connection to RabbitMQ recovered");
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        // Registered both as itself and as a hosted service, so the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_connection.Task.IsCompletedSuccessfully)
        {
            var connection = _connection.Task.Result;
            try
            {
                await connection.CloseAsync();
            }
            catch (Exception ex) when (ex.IsBrokerFailure())
            {
                logger.LogDebug("Closing the connection failed: {Reason}", ex.Message);
            }

            await connection.DisposeAsync();
        }

        Dispose();
    }
}
