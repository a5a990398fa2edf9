using IceCheckout.Detection.Inference;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IceCheckout.Detection.Infrastructure;

/// <summary>
/// Reports the model in service and where it runs; the service does not start without a model. Degraded while the model
/// file fails to load: the previous model still serves, but not the one the file now holds.
/// </summary>
public sealed class DetectorHealthCheck(DetectorModel models, ModelReloader reloader) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var model = models.Current;
        var serving = $"{model.ModelName} {model.Version} on {model.ExecutionProvider}";
        return Task.FromResult(reloader.LastFailure is { } failure
            ? HealthCheckResult.Degraded($"{serving}; {failure}")
            : HealthCheckResult.Healthy(serving));
    }
}
