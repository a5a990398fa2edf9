namespace IceCheckout.Detection.Inference;

/// <summary>
/// The detector in service. A request takes a <see cref="ModelLease"/> and keeps the model it started with until it is done;
/// <see cref="Swap"/> puts a new model in service at once and disposes the old one when its last lease is returned.
/// </summary>
public sealed class DetectorModel(OnnxDetector initial) : IDisposable
{
    private Slot _current = new(initial);

    /// <summary>The model in service now; to run it, take a lease instead, which keeps it loaded.</summary>
    public OnnxDetector Current => Volatile.Read(ref _current).Detector;

    public ModelLease Acquire()
    {
        while (true)
        {
            var slot = Volatile.Read(ref _current);
            if (slot.TryAddReference())
            {
                return new ModelLease(slot);
            }

            // Retired between the read and the reference: the next read sees its successor.
        }
    }

    /// <summary>Puts <paramref name="next"/> in service; requests that hold the previous model finish on it.</summary>
    /// <returns>The model taken out of service (disposed once its last lease is returned).</returns>
    public OnnxDetector Swap(OnnxDetector next)
    {
        var previous = Interlocked.Exchange(ref _current, new Slot(next));
        previous.Release();
        return previous.Detector;
    }

    public void Dispose() => Volatile.Read(ref _current).Release();

    /// <summary>A model and the number of holders (the service itself while it is current, plus one per lease).</summary>
    internal sealed class Slot(OnnxDetector detector)
    {
        private int _references = 1;

        public OnnxDetector Detector { get; } = detector;

        public bool TryAddReference()
        {
            var seen = Volatile.Read(ref _references);
            while (seen > 0)
            {
                var before = Interlocked.CompareExchange(ref _references, seen + 1, seen);
                if (before == seen)
                {
                    return true;
                }

                seen = before;
            }

            return false;
        }

        public void Release()
        {
            if (Interlocked.Decrement(ref _references) == 0)
            {
                Detector.Dispose();
            }
        }
    }
}
