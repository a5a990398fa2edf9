using System.Diagnostics;
using System.Threading.Channels;
using IceCheckout.Detection.Inference;
using Microsoft.Extensions.Options;

namespace IceCheckout.Detection.Batching;

/// <summary>
/// Gathers concurrent requests into one model run: the first image of a batch waits at most
/// <see cref="DetectionOptions.BatchWaitMilliseconds"/> for others, or until the batch is full.
/// Each image runs on the model it was prepared for: while a new model is swapped in, a batch may hold images of both.
/// </summary>
public sealed class InferenceBatcher : BackgroundService
{
    private readonly DetectorModel _models;
    private readonly DetectionOptions _options;
    private readonly DetectionTelemetry _telemetry;
    private readonly ILogger<InferenceBatcher> _logger;
    private readonly Channel<PendingImage> _queue;
    private readonly PostProcessing _postProcessing;

    public InferenceBatcher(DetectorModel models, IOptions<DetectionOptions> options, DetectionTelemetry telemetry, ILogger<InferenceBatcher> logger)
    {
        _models = models;
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
        _queue = Channel.CreateBounded<PendingImage>(new BoundedChannelOptions(Math.Max(MaxBatchSize, 8) * 32)
        {
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The most images one run of the model in service takes (its fixed batch size caps the configured one).</summary>
    public int MaxBatchSize
    {
        get
        {
            var model = _models.Current;
            return Math.Min(_options.MaxBatchSize ?? DefaultBatchSize(model), model.FixedBatchSize ?? int.MaxValue);
        }
    }

    /// <param name="model">The model the image was letterboxed for; the caller holds a lease on it until this returns.</param>
    /// <param name="input">The letterboxed image, <see cref="OnnxDetector.InputLength"/> floats.</param>
    public async Task<BatchResult> DetectAsync(OnnxDetector model, ReadOnlyMemory<float> input, CancellationToken cancellationToken)
    {
        var pending = new PendingImage(model, input, new TaskCompletionSource<BatchResult>(TaskCreationOptions.RunContinuationsAsynchronously));
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
        var batch = new List<PendingImage>();
        var wait = TimeSpan.FromMilliseconds(_options.BatchWaitMilliseconds);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                var maxBatchSize = MaxBatchSize;
                Fill(batch, maxBatchSize);
                if (batch.Count == 0)
                {
                    continue;
                }

                if (batch.Count < maxBatchSize && wait > TimeSpan.Zero)
                {
                    await WaitForMoreAsync(batch, maxBatchSize, wait, stoppingToken);
                }

                foreach (var sameModel in batch.GroupBy(pending => pending.Model))
                {
                    Run(sameModel.Key, [.. sameModel]);
                }
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

    private void Fill(List<PendingImage> batch, int maxBatchSize)
    {
        while (batch.Count < maxBatchSize && _queue.Reader.TryRead(out var pending))
        {
            batch.Add(pending);
        }
    }

    private async Task WaitForMoreAsync(List<PendingImage> batch, int maxBatchSize, TimeSpan wait, CancellationToken stoppingToken)
    {
        using var window = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        window.CancelAfter(wait);
        try
        {
            while (batch.Count < maxBatchSize && await _queue.Reader.WaitToReadAsync(window.Token))
            {
                Fill(batch, maxBatchSize);
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The window closed: run what has gathered.
        }
    }

    private void Run(OnnxDetector model, List<PendingImage> batch)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = _telemetry.ActivitySource.StartActivity("detection.inference");
        activity?.SetTag("detection.batch_size", batch.Count);
        try
        {
            var results = model.Detect([.. batch.Select(p => p.Input)], _postProcessing);
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

    private sealed record PendingImage(OnnxDetector Model, ReadOnlyMemory<float> Input, TaskCompletionSource<BatchResult> Completion);
}
