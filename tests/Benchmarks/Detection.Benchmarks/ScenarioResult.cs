namespace IceCheckout.Detection.Benchmarks;

public sealed record ScenarioResult(string Name, double P50, double P99, double Throughput, double MeanBatch)
{
    public static ScenarioResult From(string name, double[] latencies, TimeSpan wall, double meanBatch)
    {
        var sorted = latencies.Order().ToArray();
        return new ScenarioResult(name, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Length / wall.TotalSeconds, meanBatch);
    }

    private static double Percentile(double[] sorted, double quantile)
    {
        var rank = quantile * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
