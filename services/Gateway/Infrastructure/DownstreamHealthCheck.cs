using System.Text.Json;
using IceCheckout.Gateway.Model;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IceCheckout.Gateway.Infrastructure;

/// <summary>Reports a downstream service as its own <c>/health</c> endpoint reports itself.</summary>
public sealed class DownstreamHealthCheck(DownstreamService service, Uri? address, HttpClient httpClient) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failureStatus = context.Registration.FailureStatus;
        if (address is null)
        {
            return new HealthCheckResult(failureStatus, $"services:{service.Name}:http:0 is not configured.");
        }

        try
        {
            using var response = await httpClient.GetAsync(new Uri(address, Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath), cancellationToken);
            var reported = await ReadReportedStatusAsync(response, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return new HealthCheckResult(failureStatus, $"{service.Name} reports {reported ?? $"HTTP {(int)response.StatusCode}"}.");
            }

            return reported == nameof(HealthStatus.Degraded)
                ? HealthCheckResult.Degraded($"{service.Name} reports Degraded.")
                : HealthCheckResult.Healthy($"{service.Name} is up.");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return new HealthCheckResult(failureStatus, $"{service.Name} at {address} does not answer.", exception);
        }
    }

    private static async Task<string?> ReadReportedStatusAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return document.RootElement.TryGetProperty("status", out var status) ? status.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
