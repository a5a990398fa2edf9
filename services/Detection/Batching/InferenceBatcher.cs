using System.Diagnostics;
using System.Threading.Channels;
using IceCheckout.Detection.Inference;
using Microsoft.Extensions.Options;

namespace IceCheckout.Detection.Batching;

/// <summary>
/// Gathers concurrent requests into one model run: the first image of a batch waits at most
/// <see cref="DetectionOptions.BatchWaitMilliseconds"/> for others, or until the batch is full.
/// </summary>
public sealed class InferenceBatcher : BackgroundService
{
    private readonly OnnxDetector _detector;
    private readonly DetectionOptions _options;
    private readonly DetectionTelemetry _telemetry;
    private readonly ILogger<InferenceBatcher> _logger;
    private readonly Channel<PendingImage> _queue;
    private readonly PostProcessing _postProcessing;

    public InferenceBatcher(OnnxDetector detector, IOptions<DetectionOptions> options, DetectionTelemetry telemetry, ILogger<InferenceBatcher> logger)
    {
        _detector = detector;
        _options = options.Value;
        _telemetry = telemetry;
        _logger = logger;
        // Multi-label reports several classes per box on purpose, so it keeps them all.
        _postProcessing = new PostProcessing(
            _options.ConfidenceThreshold,
            _options.IouThreshold,
            _options.MaxDetections,
            _options.MultiLabel,
            _options.MultiLabel ? 1f : _options.CrossClassIouThreshold);
        MaxBatchSize = Math.Min(_options.MaxBatchSize ?? DefaultBatchSize(detector), detector.FixedBatchSize ?? int.MaxValue);
        _queue = Channel.CreateBounded<PendingImage>(new BoundedChannelOptions(MaxBatchSize * 32)
        {
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public int MaxBatchSize { get; }

    /// <param name="input">The letterboxed image, <see cref="OnnxDetector.InputLength"/> floats.</param>
    public async Task<BatchResult> DetectAsync(ReadOnlyMemory<float> input, CancellationToken cancellationToken)
    {
        var pending = new PendingImage(input, new TaskCompletionSource<BatchResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        return await pending.Completion.Task.WaitAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, _options.InferenceWorkers).Select(_ => Task.Run(() => RunBatchesAsync(stoppingToken), CancellationToken.None)));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        while (_queue.Reader.TryRead(out var abandoned))
        {
            abandoned.Completion.TrySetCanceled(CancellationToken.None);
        }
    }

    private async Task RunBatchesAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingImage>(MaxBatchSize);
        var wait = TimeSpan.FromMilliseconds(_options.BatchWaitMilliseconds);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                Fill(batch);
                if (batch.Count == 0)
                {
                    continue;
                }

                if (batch.Count < MaxBatchSize && wait > TimeSpan.Zero)
                {
                    await WaitForMoreAsync(batch, wait, stoppingToken);
                }

                Run(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            foreach (var pending in batch)
            {
                pending.Completion.TrySetCanceled(stoppingToken);
            }
        }
    }

    private static int DefaultBatchSize(OnnxDetector detector) =>
        detector.ExecutionProvider == InferenceSessionFactory.Cuda ? 8 : 1;

    private void Fill(List<PendingImage> batch)
    {
        while (batch.Count < MaxBatchSize && _queue.Reader.TryRead(out var pending))
        {
            batch.Add(pending);
        }
    }

    private async Task WaitForMoreAsync(List<PendingImage> batch, TimeSpan wait, CancellationToken stoppingToken)
    {
        using var window = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        window.CancelAfter(wait);
        try
        {
            while (batch.Count < MaxBatchSize && await _queue.Reader.WaitToReadAsync(window.Token))
            {
                Fill(batch);
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The window closed: run what has gathered.
        }
    }

    private void Run(List<PendingImage> batch)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = _telemetry.ActivitySource.StartActivity("detection.inference");
        activity?.SetTag("detection.batch_size", batch.Count);
        try
        {
            var results = _detector.Detect([.. batch.Select(p => p.Input)], _postProcessing);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            _telemetry.RecordBatch(batch.Count, elapsed);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(new BatchResult(results[i], elapsed, batch.Count));
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            _logger.LogError(exception, "Inference failed for a batch of {Count} images.", batch.Count);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(exception);
            }
        }
    }

    private sealed record PendingImage(ReadOnlyMemory<float> Input, TaskCompletionSource<BatchResult> Completion);
}
