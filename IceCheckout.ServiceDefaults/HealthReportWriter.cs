using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Writes a health report as JSON. Anyone gets the overall status; which dependency is down, and why, only a caller
/// that sends the operators' key (<see cref="DetailsKeySetting"/>) in <see cref="DetailsKeyHeader"/>, since the
/// reasons name internal hosts and database errors.
/// </summary>
public static class HealthReportWriter
{
    public const string DetailsKeySetting = "Health:DetailsKey";
    public const string DetailsKeyHeader = "X-Health-Key";

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        object body = MayReadDetails(context)
            ? new
            {
                status = report.Status.ToString(),
                totalDurationMs = report.TotalDuration.TotalMilliseconds,
                entries = report.Entries.ToDictionary(
                    entry => entry.Key,
                    entry => new
                    {
                        status = entry.Value.Status.ToString(),
                        description = entry.Value.Description ?? entry.Value.Exception?.Message,
                        durationMs = entry.Value.Duration.TotalMilliseconds,
                        tags = entry.Value.Tags,
                    }),
            }
            : new { status = report.Status.ToString() };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }

    private static bool MayReadDetails(HttpContext context)
    {
        var key = context.RequestServices.GetRequiredService<IConfiguration>()[DetailsKeySetting];
        if (string.IsNullOrEmpty(key) || !context.Request.Headers.TryGetValue(DetailsKeyHeader, out var sent))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(sent.ToString()));
    }
}
