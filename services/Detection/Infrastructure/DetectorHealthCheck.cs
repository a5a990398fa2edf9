using IceCheckout.Detection.Inference;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IceCheckout.Detection.Infrastructure;

/// <summary>Reports the loaded model and where it runs; the service does not start without a model.</summary>
public sealed class DetectorHealthCheck(OnnxDetector model) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy($"{model.ModelName} on {model.ExecutionProvider}"));
}
