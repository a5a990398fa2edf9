using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace IceCheckout.Detection;

public sealed class DetectionTelemetry : IDisposable
{
    public const string Name = "IceCheckout.Detection";

    private readonly Meter _meter;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _inferenceDuration;
    private readonly Counter<long> _cacheLookups;

    public DetectionTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        _batchSize = _meter.CreateHistogram<int>("detection.batch.size", "{image}", "Images per model run.");
        _inferenceDuration = _meter.CreateHistogram<double>("detection.inference.duration", "ms", "Wall time of one model run.");
        _cacheLookups = _meter.CreateCounter<long>("detection.cache.lookups", "{lookup}", "Result cache lookups, tagged hit or miss.");
    }

    public ActivitySource ActivitySource { get; } = new(Name);

    public void RecordBatch(int size, double milliseconds)
    {
        _batchSize.Record(size);
        _inferenceDuration.Record(milliseconds);
    }

    public void RecordCacheLookup(bool hit) => _cacheLookups.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));

    public void Dispose()
    {
        ActivitySource.Dispose();
        _meter.Dispose();
    }
}
