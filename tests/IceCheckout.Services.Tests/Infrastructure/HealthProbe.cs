namespace IceCheckout.Services.Tests.Infrastructure;

/// <summary>
/// Polls a service's health endpoint, with the operators' key so the report has its entries, until the report satisfies
/// a condition, and returns it; past a generous bound the test fails with the last report, so the test asserts on what
/// the service said rather than on how fast it said it.
/// </summary>
public static class HealthProbe
{
    /// <summary>The operators' key every service process of the tests gets as <c>Health:DetailsKey</c>.</summary>
    public const string DetailsKey = "test-health-details-key";

    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(250);

    public static async Task<HealthReport> WaitForAsync(
        HttpClient http, ServiceProcess service, Func<HealthReport, bool> until, string path = "/health")
    {
        var deadline = DateTime.UtcNow + s_bound;
        HealthReport? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (service.HasExited)
            {
                Assert.Fail($"{service.Name} exited. Its output:{Environment.NewLine}{service.RecentOutput}");
            }

            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(service.BaseAddress, path));
                request.Headers.Add("X-Health-Key", DetailsKey);
                using var response = await http.SendAsync(request);
                last = await HealthReport.ReadAsync(response);
                if (until(last))
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // A health check took longer than the client waits; ask again.
            }

            await Task.Delay(s_interval);
        }

        Assert.Fail($"{service.Name} did not report the expected health within {s_bound.TotalSeconds:0} s; its last report: "
            + (last is null ? "none" : $"{last.Status} ({string.Join(", ", last.Entries.Select(e => $"{e.Key}={e.Value.Status}"))})"));
        return last;
    }

    public static Task<HealthReport> WaitForStatusAsync(HttpClient http, ServiceProcess service, string status) =>
        WaitForAsync(http, service, report => report.Status == status);
}
