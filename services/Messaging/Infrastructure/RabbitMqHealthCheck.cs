using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IceCheckout.Messaging.Infrastructure;

internal sealed class RabbitMqHealthCheck(RabbitMqConnection connection) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(connection.IsOpen
            ? HealthCheckResult.Healthy("Connected to RabbitMQ.")
            : new HealthCheckResult(context.Registration.FailureStatus, "Not connected to RabbitMQ; reconnecting."));
}
