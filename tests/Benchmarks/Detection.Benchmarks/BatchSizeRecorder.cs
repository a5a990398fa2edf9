using System.Diagnostics.Metrics;

namespace IceCheckout.Detection.Benchmarks;

/// <summary>Listens to the service's own batch-size histogram while a scenario runs.</summary>
public sealed class BatchSizeRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _runs;
    private long _images;

    public BatchSizeRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == DetectionTelemetry.Name && instrument.Name == "detection.batch.size")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, size, _, _) =>
        {
            Interlocked.Increment(ref _runs);
            Interlocked.Add(ref _images, size);
        });
        _listener.Start();
    }

    public double Mean => _runs == 0 ? 0 : (double)_images / _runs;

    public void Dispose() => _listener.Dispose();
}
