using Microsoft.Extensions.Logging;

namespace IceCheckout.Messaging.Infrastructure;

internal static class BrokerRetry
{
    /// <summary>Runs <paramref name="action"/> until it gets through, pausing while the broker is unavailable.</summary>
    public static async Task UntilDoneAsync(Func<CancellationToken, Task> action, TimeSpan interval, ILogger logger, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await action(cancellationToken);
                return;
            }
            catch (Exception ex) when (ex.IsBrokerFailure() || ex is MessagingUnavailableException)
            {
                logger.LogWarning("RabbitMQ is unavailable ({Reason}); retrying in {Interval}", ex.Message, interval);
                await Task.Delay(interval, cancellationToken);
            }
        }
    }
}
