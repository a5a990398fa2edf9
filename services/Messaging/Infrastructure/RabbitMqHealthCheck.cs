using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IceCheckout.Messaging.Infrastructure;

/// <summary>Unhealthy while disconnected; Degraded while a consumer is missing or a dead-letter queue of this service holds messages.</summary>
internal sealed class RabbitMqHealthCheck(RabbitMqConnection connection, ConsumerMonitor consumers, DeadLetterQueues deadLetters) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!connection.IsOpen)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Not connected to RabbitMQ; reconnecting.");
        }

        var problems = new List<string>();
        var missing = consumers.NotConsuming();
        if (missing.Count > 0)
        {
            problems.Add($"not consuming {string.Join(", ", missing)}");
        }

        try
        {
            var holding = (await deadLetters.ListAsync(cancellationToken)).Where(q => q.Messages > 0).ToList();
            if (holding.Count > 0)
            {
                problems.Add("dead letters in " + string.Join(", ", holding.Select(q => $"{q.DeadLetterQueue} ({q.Messages})")));
            }
        }
        catch (MessagingUnavailableException ex)
        {
            problems.Add($"dead-letter queues unreadable: {ex.Message}");
        }

        return problems.Count == 0
            ? HealthCheckResult.Healthy("Connected to RabbitMQ.")
            : HealthCheckResult.Degraded("Connected to RabbitMQ; " + string.Join("; ", problems) + ".");
    }
}
