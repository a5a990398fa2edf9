namespace IceCheckout.Services.Tests.Infrastructure;

/// <summary>
/// Polls a service's health endpoint until its report satisfies a condition or a generous bound passes, and returns the
/// last report, so that the test asserts on what the service said rather than on how fast it said it.
/// </summary>
public static class HealthProbe
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(250);

    public static async Task<HealthReport?> WaitForAsync(
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
                using var response = await http.GetAsync(new Uri(service.BaseAddress, path));
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

        return last;
    }

    public static Task<HealthReport?> WaitForStatusAsync(HttpClient http, ServiceProcess service, string status) =>
        WaitForAsync(http, service, report => report.Status == status);
}
