using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IceCheckout.Cart.Infrastructure.Orders;

/// <summary>Unhealthy until the orders database is migrated, with the last error seen while trying.</summary>
public sealed class OrdersSchemaHealthCheck(OrdersReadiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.IsReady
            ? HealthCheckResult.Healthy()
            : new HealthCheckResult(context.Registration.FailureStatus, readiness.LastError ?? "Migrating the orders database."));
}
