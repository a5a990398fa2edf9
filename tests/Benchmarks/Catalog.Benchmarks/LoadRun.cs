using System.Diagnostics;

namespace IceCheckout.Catalog.Benchmarks;

public sealed record LoadResult(string Name, long Requests, long Failures, TimeSpan Duration, double P50Ms, double P99Ms)
{
    public double RequestsPerSecond => Requests / Duration.TotalSeconds;
}

/// <summary>A closed-loop load: <c>concurrency</c> workers each send the next request as soon as the previous one answered.</summary>
public static class LoadRun
{
    public static async Task<LoadResult> RunAsync(string name, HttpClient client, Func<int, string> path, int concurrency, TimeSpan warmUp, TimeSpan duration)
    {
        await RunWorkersAsync(client, path, concurrency, warmUp, record: null);
        var latencies = new List<double>[concurrency];
        var stopwatch = Stopwatch.StartNew();
        var failures = await RunWorkersAsync(client, path, concurrency, duration, latencies);
        stopwatch.Stop();

        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(name, all.Length, failures, stopwatch.Elapsed, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static async Task<long> RunWorkersAsync(HttpClient client, Func<int, string> path, int concurrency, TimeSpan duration, List<double>[]? record)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long failures = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = new List<double>();
            if (record is not null)
            {
                record[worker] = mine;
            }

            for (var i = worker; Stopwatch.GetTimestamp() < deadline; i += concurrency)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(path(i), HttpCompletionOption.ResponseContentRead);
                if (response.IsSuccessStatusCode)
                {
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        return failures;
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))];
}
