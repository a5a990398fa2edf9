using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IceCheckout.Catalog.Infrastructure;

public sealed class DatabaseReadinessHealthCheck(DatabaseReadiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.IsReady
            ? HealthCheckResult.Healthy("Schema migrated and seeded.")
            : HealthCheckResult.Unhealthy($"Database not ready yet: {readiness.LastError ?? "migrating"}"));
}
