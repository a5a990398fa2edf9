using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IceCheckout.Search.Indexing;

/// <summary>Degraded while the index is empty because Catalog (or the engine) has not answered yet; search then finds nothing.</summary>
public sealed class IndexHealthCheck(IndexState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.Problem is { } problem ? new HealthCheckResult(context.Registration.FailureStatus, problem) : HealthCheckResult.Healthy());
}
