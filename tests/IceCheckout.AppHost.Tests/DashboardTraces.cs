using System.Net;
using System.Text.Json;

namespace IceCheckout.AppHost.Tests;

/// <summary>One span of a trace as the dashboard's telemetry API returns it (OTLP JSON).</summary>
public sealed record DashboardSpan(string Service, string Scope, string Name, int Kind, IReadOnlyDictionary<string, string> Attributes);

/// <summary>Reads <c>GET /api/telemetry/traces/{traceId}</c> of the Aspire 13.6 dashboard.</summary>
public sealed class DashboardTraces(HttpClient dashboard, string apiKey)
{
    public const int ServerKind = 2;
    public const int ClientKind = 3;

    /// <summary>The trace's spans once <paramref name="complete"/> holds for them; the exporters send in batches, so it polls.</summary>
    public async Task<IReadOnlyList<DashboardSpan>> WaitForAsync(string traceId, Func<IReadOnlyList<DashboardSpan>, bool> complete, TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        IReadOnlyList<DashboardSpan> spans = [];
        while (!timeout.IsCancellationRequested)
        {
            spans = await ReadAsync(traceId, timeout.Token);
            if (complete(spans))
            {
                return spans;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None);
        }

        return spans;
    }

    public async Task<IReadOnlyList<DashboardSpan>> ReadAsync(string traceId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/telemetry/traces/{traceId}");
        request.Headers.Add("x-api-key", apiKey);
        using var response = await dashboard.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var spans = new List<DashboardSpan>();
        foreach (var resourceSpans in json.RootElement.GetProperty("data").GetProperty("resourceSpans").EnumerateArray())
        {
            var service = Attributes(resourceSpans.GetProperty("resource")).GetValueOrDefault("service.name", "");
            foreach (var scopeSpans in resourceSpans.GetProperty("scopeSpans").EnumerateArray())
            {
                var scope = scopeSpans.TryGetProperty("scope", out var s) && s.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
                foreach (var span in scopeSpans.GetProperty("spans").EnumerateArray())
                {
                    spans.Add(new DashboardSpan(service, scope, span.GetProperty("name").GetString() ?? "",
                        span.TryGetProperty("kind", out var kind) ? kind.GetInt32() : 0, Attributes(span)));
                }
            }
        }

        return spans;
    }

    private static Dictionary<string, string> Attributes(JsonElement element)
    {
        var attributes = new Dictionary<string, string>();
        if (element.TryGetProperty("attributes", out var list))
        {
            foreach (var attribute in list.EnumerateArray())
            {
                var value = attribute.GetProperty("value");
                attributes[attribute.GetProperty("key").GetString() ?? ""] = value.EnumerateObject().FirstOrDefault().Value.ToString();
            }
        }

        return attributes;
    }
}
