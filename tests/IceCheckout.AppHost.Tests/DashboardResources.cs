using System.Text.Json;

namespace IceCheckout.AppHost.Tests;

/// <summary>What <c>GET /api/telemetry/resources</c> of the Aspire 13.6 dashboard says it holds for one resource.</summary>
public sealed record DashboardResource(string Name, bool HasLogs, bool HasTraces, bool HasMetrics)
{
    public static async Task<IReadOnlyList<DashboardResource>> ReadAsync(HttpClient dashboard, string apiKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/telemetry/resources");
        request.Headers.Add("x-api-key", apiKey);
        using var response = await dashboard.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return [.. json.RootElement.EnumerateArray().Select(resource => new DashboardResource(
            resource.GetProperty("name").GetString() ?? "",
            resource.GetProperty("hasLogs").GetBoolean(),
            resource.GetProperty("hasTraces").GetBoolean(),
            resource.GetProperty("hasMetrics").GetBoolean()))];
    }
}
