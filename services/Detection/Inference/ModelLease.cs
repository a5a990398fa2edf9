namespace IceCheckout.Detection.Inference;

/// <summary>Keeps one model loaded while a request uses it; dispose it once, when the request is done with the model.</summary>
public sealed class ModelLease : IDisposable
{
    private DetectorModel.Slot? _slot;

    internal ModelLease(DetectorModel.Slot slot)
    {
        _slot = slot;
        Model = slot.Detector;
    }

    public OnnxDetector Model { get; }

    public void Dispose() => Interlocked.Exchange(ref _slot, null)?.Release();
}
