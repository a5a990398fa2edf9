using System.Net;
using System.Text.Json;

namespace IceCheckout.Services.Tests.Infrastructure;

/// <summary>A service's answer on <c>/health</c> or <c>/alive</c>: the HTTP status and the report written by the service defaults.</summary>
public sealed record HealthReport(HttpStatusCode StatusCode, string Status, IReadOnlyDictionary<string, HealthEntry> Entries)
{
    public static async Task<HealthReport> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var entries = root.GetProperty("entries").EnumerateObject().ToDictionary(
            entry => entry.Name,
            entry => new HealthEntry(
                entry.Value.GetProperty("status").GetString()!,
                entry.Value.TryGetProperty("description", out var description) ? description.GetString() : null));
        return new HealthReport(response.StatusCode, root.GetProperty("status").GetString()!, entries);
    }

    public override string ToString() =>
        $"{(int)StatusCode} {Status}: " + string.Join(", ", Entries.Select(entry => $"{entry.Key}={entry.Value.Status} ({entry.Value.Description})"));
}

public sealed record HealthEntry(string Status, string? Description);
