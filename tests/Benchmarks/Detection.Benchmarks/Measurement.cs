namespace IceCheckout.Detection.Benchmarks;

/// <summary>One round of one scenario.</summary>
public sealed record Measurement(double[] Latencies, TimeSpan Wall, double MeanBatch);
