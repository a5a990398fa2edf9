namespace IceCheckout.Detection.Imaging;

/// <summary>
/// Admission control in front of decoding: at most <see cref="DetectionOptions.MaxConcurrentDecodes"/> images decode
/// at once, the decoded pixels held at once stay within <see cref="DetectionOptions.MaxDecodedPixelsInFlight"/>, and at
/// most <see cref="DetectionOptions.MaxWaitingDecodes"/> requests wait; the next one is shed with
/// <see cref="DetectionBusyException"/>. Hand-written because the limit is by pixels (a weighted semaphore), which
/// <c>System.Threading.RateLimiting</c>'s concurrency limiter does not weigh without pre-declaring permits per request.
/// </summary>
public sealed class DecodeAdmission(int maxConcurrent, long maxPixels, int maxWaiting)
{
    private static readonly TimeSpan s_retryAfter = TimeSpan.FromSeconds(1);
    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter> _waiting = new();
    private int _running;
    private long _pixels;

    public int Running { get { lock (_lock) { return _running; } } }

    public int Waiting { get { lock (_lock) { return _waiting.Count; } } }

    /// <summary>Waits for room to decode <paramref name="pixels"/> pixels; the lease gives the room back when disposed.</summary>
    public Task<IDisposable> EnterAsync(long pixels, CancellationToken cancellationToken)
    {
        // An image bigger than the whole budget still gets through, alone.
        var weight = Math.Min(Math.Max(pixels, 1), maxPixels);
        Waiter waiter;
        lock (_lock)
        {
            if (_waiting.Count == 0 && Fits(weight))
            {
                Take(weight);
                return Task.FromResult<IDisposable>(new Lease(this, weight));
            }

            if (_waiting.Count >= maxWaiting)
            {
                throw new DetectionBusyException(s_retryAfter);
            }

            waiter = new Waiter(weight);
            waiter.Node = _waiting.AddLast(waiter);
        }

        if (cancellationToken.CanBeCanceled)
        {
            waiter.Cancellation = cancellationToken.Register(() => Abandon(waiter, cancellationToken));
        }

        return waiter.Admitted.Task;
    }

    private bool Fits(long weight) => _running < maxConcurrent && _pixels + weight <= maxPixels;

    private void Take(long weight)
    {
        _running++;
        _pixels += weight;
    }

    private void Release(long weight)
    {
        var admitted = new List<Waiter>();
        lock (_lock)
        {
            _running--;
            _pixels -= weight;
            // First come, first served: the head waits for room rather than being overtaken by smaller images.
            while (_waiting.First is { } head && Fits(head.Value.Weight))
            {
                _waiting.RemoveFirst();
                head.Value.Node = null;
                Take(head.Value.Weight);
                admitted.Add(head.Value);
            }
        }

        foreach (var waiter in admitted)
        {
            waiter.Cancellation.Dispose();
            if (!waiter.Admitted.TrySetResult(new Lease(this, waiter.Weight)))
            {
                Release(waiter.Weight);
            }
        }
    }

    private void Abandon(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (waiter.Node is null)
            {
                return;
            }

            _waiting.Remove(waiter.Node);
            waiter.Node = null;
        }

        waiter.Admitted.TrySetCanceled(cancellationToken);
    }

    private sealed class Waiter(long weight)
    {
        public long Weight { get; } = weight;

        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Cancellation { get; set; }

        public TaskCompletionSource<IDisposable> Admitted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Lease(DecodeAdmission owner, long weight) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Release(weight);
            }
        }
    }
}
