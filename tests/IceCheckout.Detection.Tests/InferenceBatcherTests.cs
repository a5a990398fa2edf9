using IceCheckout.Detection.Batching;
using IceCheckout.Detection.Inference;
using IceCheckout.Detection.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using System.Diagnostics.Metrics;

namespace IceCheckout.Detection.Tests;

public sealed class InferenceBatcherTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public async Task Concurrent_callers_share_one_run_and_each_gets_its_own_result()
    {
        using var detector = TestModels.Load(TestModels.YoloV8);
        // A long window: the batch runs as soon as it is full, so all eight land in one run.
        await using var batcher = await StartAsync(detector, maxBatchSize: 8, waitMilliseconds: 30_000);
        var reds = Enumerable.Range(0, 8).Select(i => i / 8f).ToArray();

        var results = await Task.WhenAll(reds.Select(red => Task.Run(() => batcher.DetectAsync(TestModels.UniformInput(red, 0, 1), CancellationToken.None))));

        Assert.All(results, r => Assert.Equal(8, r.BatchSize));
        for (var i = 0; i < reds.Length; i++)
        {
            // Anchor 3's centre moves with the image's red: cx = 50 - 20 * red.
            var own = Assert.Single(results[i].Detections, d => d.ClassId == 2);
            Assert.Equal(50 - 20 * reds[i], (own.Box.Left + own.Box.Right) / 2, 3);
            var alone = detector.Detect([TestModels.UniformInput(reds[i], 0, 1)], new PostProcessing(0.25f, 0.5f, 100))[0];
            Assert.Equal(alone, results[i].Detections);
        }
    }

    [Fact]
    public async Task A_lone_request_runs_when_the_window_closes()
    {
        using var detector = TestModels.Load(TestModels.YoloV8);
        await using var batcher = await StartAsync(detector, maxBatchSize: 8, waitMilliseconds: 5);

        var result = await batcher.DetectAsync(TestModels.UniformInput(0, 0, 0), CancellationToken.None);

        Assert.Equal(1, result.BatchSize);
        Assert.Equal([0, 1], result.Detections.Select(d => d.ClassId));
    }

    [Fact]
    public async Task A_fixed_batch_model_is_fed_one_image_per_run()
    {
        using var detector = TestModels.Load(TestModels.FixedBatch);
        await using var batcher = await StartAsync(detector, maxBatchSize: 8, waitMilliseconds: 5);

        var results = await Task.WhenAll(
            batcher.DetectAsync(TestModels.UniformInput(0, 0, 0), CancellationToken.None),
            batcher.DetectAsync(TestModels.UniformInput(0, 0, 1), CancellationToken.None));

        Assert.Equal(1, batcher.MaxBatchSize);
        Assert.All(results, r => Assert.Equal(1, r.BatchSize));
        Assert.Equal([2, 3], results.Select(r => r.Detections.Count));
    }

    [Fact]
    public async Task Unconfigured_on_the_cpu_each_image_gets_its_own_run()
    {
        using var detector = TestModels.Load(TestModels.YoloV8);
        await using var batcher = await StartAsync(detector, maxBatchSize: null, waitMilliseconds: 30_000);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            Task.Run(() => batcher.DetectAsync(TestModels.UniformInput(i / 4f, 0, 1), CancellationToken.None))));

        Assert.Equal(("CPU", 1), (detector.ExecutionProvider, batcher.MaxBatchSize));
        Assert.All(results, r => Assert.Equal(1, r.BatchSize));
    }

    [Fact]
    public async Task A_failed_run_fails_its_callers_and_the_batcher_keeps_serving()
    {
        using var detector = TestModels.Load(TestModels.YoloV8);
        await using var batcher = await StartAsync(detector, maxBatchSize: 1, waitMilliseconds: 0);

        await Assert.ThrowsAsync<ArgumentException>(() => batcher.DetectAsync(new float[10], CancellationToken.None));
        var result = await batcher.DetectAsync(TestModels.UniformInput(0, 0, 0), CancellationToken.None);

        Assert.Equal(2, result.Detections.Count);
    }

    public void Dispose() => _services.Dispose();

    private async Task<StartedBatcher> StartAsync(OnnxDetector detector, int? maxBatchSize, int waitMilliseconds)
    {
        var options = Options.Create(new DetectionOptions
        {
            MaxBatchSize = maxBatchSize,
            BatchWaitMilliseconds = waitMilliseconds,
            ConfidenceThreshold = 0.25f,
            IouThreshold = 0.5f,
            CrossClassIouThreshold = 1f,
        });
        var batcher = new InferenceBatcher(
            new DetectorModel(detector), options, new DetectionTelemetry(_services.GetRequiredService<IMeterFactory>()), NullLogger<InferenceBatcher>.Instance);
        await batcher.StartAsync(CancellationToken.None);
        return new StartedBatcher(batcher, detector);
    }

    private sealed class StartedBatcher(InferenceBatcher batcher, OnnxDetector detector) : IAsyncDisposable
    {
        public int MaxBatchSize => batcher.MaxBatchSize;

        public Task<BatchResult> DetectAsync(float[] input, CancellationToken cancellationToken) => batcher.DetectAsync(detector, input, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await batcher.StopAsync(CancellationToken.None);
            batcher.Dispose();
        }
    }
}
