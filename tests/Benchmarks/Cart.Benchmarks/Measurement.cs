using System.Diagnostics;

namespace IceCheckout.Cart.Benchmarks;

public sealed record Measurement(string Path, int Kiosks, int Requests, int Failures, TimeSpan Duration, double P50Ms, double P99Ms)
{
    public double PerSecond => Requests / Duration.TotalSeconds;

    /// <summary>
    /// <paramref name="kiosks"/> closed-loop callers share <paramref name="requests"/> requests; each sends the next as soon
    /// as its last one is answered. Only successful answers count towards the latencies.
    /// </summary>
    public static async Task<Measurement> RunAsync(string path, int kiosks, int requests, Func<int, int, Task<bool>> send)
    {
        var latencies = new List<double>[kiosks];
        var next = -1;
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, kiosks).Select(async kiosk =>
        {
            var mine = latencies[kiosk] = [];
            int request;
            while ((request = Interlocked.Increment(ref next)) < requests)
            {
                var started = Stopwatch.GetTimestamp();
                if (await send(kiosk, request))
                {
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        clock.Stop();
        var sorted = latencies.SelectMany(l => l).Order().ToArray();
        return new Measurement(path, kiosks, sorted.Length, failures, clock.Elapsed, Percentile(sorted, 0.50), Percentile(sorted, 0.99));
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}
