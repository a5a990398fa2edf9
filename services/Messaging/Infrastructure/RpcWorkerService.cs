using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace IceCheckout.Messaging.Infrastructure;

/// <summary>
/// Answers RPC requests. Each queue gets a channel whose consumer runs up to <c>maxConcurrency</c> handler calls
/// at once, with a prefetch of the same size, so several workers on one queue share its load.
/// A request that cannot be read or that makes the handler throw is answered with an error and dead-lettered. The error
/// names the kind of failure and the trace id, never the exception's message (that stays in this service's log). A request
/// the handler refused with <see cref="RpcRequestRejectedException"/> is answered with that reason, meant for the caller,
/// and acknowledged: the caller has its answer and there is nothing for staff to replay.
/// </summary>
internal sealed class RpcWorkerService(
    RabbitMqConnection connection,
    IEnumerable<RpcWorkerRegistration> registrations,
    IServiceProvider services,
    ConsumerMonitor monitor,
    IOptions<MessagingOptions> options,
    ILogger<RpcWorkerService> logger) : ConsumerService(logger, options.Value.ReconnectInterval, monitor)
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var liveConnection = await connection.WaitForConnectionAsync(stoppingToken);
        foreach (var registration in registrations)
        {
            await ConsumeAsync(
                registration.Queue,
                cancellationToken => OpenChannelAsync(liveConnection, registration, cancellationToken),
                (channel, delivery, cancellationToken) => HandleAsync(channel, registration, delivery, cancellationToken));
            logger.LogInformation("Serving {Queue} with up to {MaxConcurrency} concurrent calls", registration.Queue, registration.MaxConcurrency);
        }
    }

    private async Task<IChannel> OpenChannelAsync(IConnection liveConnection, RpcWorkerRegistration registration, CancellationToken cancellationToken)
    {
        var channel = await liveConnection.CreateChannelAsync(
            new CreateChannelOptions(
                publisherConfirmationsEnabled: false,
                publisherConfirmationTrackingEnabled: false,
                consumerDispatchConcurrency: registration.MaxConcurrency),
            cancellationToken);
        try
        {
            await channel.DeclareWorkQueueAsync(registration.Queue, options.Value, cancellationToken);
            await channel.BasicQosAsync(prefetchSize: 0, registration.MaxConcurrency, global: false, cancellationToken);
            return channel;
        }
        catch
        {
            await channel.DisposeAsync();
            throw;
        }
    }

    private async Task HandleAsync(IChannel channel, RpcWorkerRegistration registration, BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
    {
        var request = delivery.BasicProperties;
        using var activity = MessageTracing.StartReceive($"{registration.Queue} process", ActivityKind.Server, request);
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.destination.name", registration.Queue);

        if (string.IsNullOrEmpty(request.ReplyTo) || string.IsNullOrEmpty(request.CorrelationId))
        {
            logger.LogError("A request on {Queue} has no reply_to or correlation id; dead-lettering it", registration.Queue);
            await channel.SettleAsync(delivery, Settlement.DeadLetter, logger);
            return;
        }

        try
        {
            var response = await registration.HandleAsync(services, delivery.Body, cancellationToken);
            var replied = await ReplyAsync(channel, request, response, error: null, cancellationToken);
            await channel.SettleAsync(delivery, replied ? Settlement.Ack : Settlement.Requeue, logger);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: closing the channel hands the request to another worker.
        }
        catch (RpcRequestRejectedException rejected)
        {
            activity?.SetStatus(ActivityStatusCode.Error, rejected.Message);
            logger.LogInformation("Request {CorrelationId} on {Queue} refused: {Reason}", request.CorrelationId, registration.Queue, rejected.Message);
            var replied = await ReplyAsync(channel, request, [], rejected.Message, cancellationToken);
            await channel.SettleAsync(delivery, replied ? Settlement.Ack : Settlement.Requeue, logger);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            logger.LogError(ex, "Request {CorrelationId} on {Queue} failed; replying the error and dead-lettering it",
                request.CorrelationId, registration.Queue);
            var reason = ex is PoisonMessageException
                ? "the request could not be read"
                : $"the handler failed (trace {Activity.Current?.TraceId.ToString() ?? "none"})";
            await ReplyAsync(channel, request, [], reason, cancellationToken);
            await channel.SettleAsync(delivery, Settlement.DeadLetter, logger);
        }
    }

    private async Task<bool> ReplyAsync(IChannel channel, IReadOnlyBasicProperties request, byte[] body, string? error, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, object?>();
        if (error is not null)
        {
            headers[RpcHeaders.Error] = Encoding.UTF8.GetBytes(error);
        }

        var reply = new BasicProperties
        {
            CorrelationId = request.CorrelationId,
            ContentType = MessagingJson.ContentType,
            Headers = headers,
        };
        try
        {
            await channel.BasicPublishAsync(exchange: "", request.ReplyTo!, mandatory: false, reply, body, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex.IsBrokerFailure())
        {
            logger.LogWarning("Could not reply to {CorrelationId}: {Reason}", request.CorrelationId, ex.Message);
            return false;
        }
    }
}
