using System.Diagnostics;

namespace IceCheckout.Search.Benchmarks;

/// <summary>One scenario's figures; <see cref="ServiceCpuMsPerRequest"/> is the service's processor time over the run per answered request.</summary>
public sealed record LatencyResult(string Name, long Requests, long Failures, double RequestsPerSecond, double ServiceCpuMsPerRequest, double P50Ms, double P99Ms);

/// <summary>A closed loop: each of <c>clients</c> workers sends its next request as soon as the previous one answered.</summary>
public static class LatencyRun
{
    public static async Task<LatencyResult> RunAsync(
        string name, HttpClient client, IReadOnlyList<string> paths, SearchProcess service, int clients, TimeSpan warmUp, TimeSpan duration)
    {
        await RunWorkersAsync(client, paths, clients, warmUp);
        var processorTime = service.ProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var (latencies, failures) = await RunWorkersAsync(client, paths, clients, duration);
        stopwatch.Stop();
        var serviceCpu = service.ProcessorTime - processorTime;
        var sorted = latencies.Order().ToArray();
        return new LatencyResult(
            name, sorted.Length, failures, sorted.Length / stopwatch.Elapsed.TotalSeconds, serviceCpu.TotalMilliseconds / Math.Max(1, sorted.Length),
            Percentile(sorted, 0.50), Percentile(sorted, 0.99));
    }

    private static async Task<(List<double> Latencies, long Failures)> RunWorkersAsync(HttpClient client, IReadOnlyList<string> paths, int clients, TimeSpan duration)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long failures = 0;
        var perWorker = await Task.WhenAll(Enumerable.Range(0, clients).Select(async worker =>
        {
            var mine = new List<double>();
            for (var i = worker; Stopwatch.GetTimestamp() < deadline; i += clients)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(paths[i % paths.Count], HttpCompletionOption.ResponseContentRead);
                if (response.IsSuccessStatusCode)
                {
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
            }

            return mine;
        }));
        return ([.. perWorker.SelectMany(latencies => latencies)], failures);
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}
