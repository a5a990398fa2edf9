using System.Diagnostics;
using System.Globalization;
using IceCheckout.Detection;
using IceCheckout.Detection.Batching;
using IceCheckout.Detection.Benchmarks;
using IceCheckout.Detection.Imaging;
using IceCheckout.Detection.Inference;
using IceCheckout.Detection.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using System.Diagnostics.Metrics;

// Detection latency and throughput through the service's own pipeline (decode, letterbox, batcher, model, boxes back),
// without the cache, measured in one run so that the ratios compare like with like.
//   dotnet run -c Release --project tests/Benchmarks/Detection.Benchmarks -- [--model PATH] [--images DIR]
//       [--requests N] [--rounds 3] [--provider auto|cuda|cpu] [--callers 8]
var arguments = BenchmarkArguments.Parse(args);
var invariant = CultureInfo.InvariantCulture;

var images = Directory.EnumerateFiles(arguments.ImagesDirectory)
    .Where(f => f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
    .Order(StringComparer.Ordinal)
    .Take(64)
    .Select(File.ReadAllBytes)
    .ToArray();
if (images.Length == 0)
{
    throw new InvalidOperationException($"No .jpg or .png images in {arguments.ImagesDirectory}.");
}

using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
using var detector = OnnxDetector.Load(arguments.ModelPath, arguments.Provider, 0, 0, loggerFactory.CreateLogger<OnnxDetector>());
var models = new DetectorModel(detector);
using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
using var telemetry = new DetectionTelemetry(services.GetRequiredService<IMeterFactory>());

Console.WriteLine(string.Create(invariant,
    $"model {detector.ModelName}, {detector.InputWidth}x{detector.InputHeight}, {detector.ClassNames.Count} classes, provider {detector.ExecutionProvider}, " +
    $"{Environment.ProcessorCount} logical CPUs ({BenchmarkArguments.CpuName()}), {images.Length} test images, {arguments.Requests} requests per scenario in {arguments.Rounds} alternating rounds"));

// The scenarios take turns over several rounds, so that a change in the machine's load affects them alike.
(string Name, int Callers, int MaxBatch)[] scenarios =
[
    ("1 caller, batch 1", 1, 1),
    ($"{arguments.Callers} callers, batch 1", arguments.Callers, 1),
    ($"{arguments.Callers} callers, batched (max {arguments.Callers})", arguments.Callers, arguments.Callers),
];
var measured = scenarios.Select(_ => new List<Measurement>()).ToArray();
for (var round = 0; round < arguments.Rounds; round++)
{
    for (var s = 0; s < scenarios.Length; s++)
    {
        measured[s].Add(await RunScenarioAsync(scenarios[s].Callers, scenarios[s].MaxBatch));
    }
}

var results = scenarios.Select((scenario, s) => ScenarioResult.From(
    scenario.Name,
    [.. measured[s].SelectMany(m => m.Latencies)],
    TimeSpan.FromTicks(measured[s].Sum(m => m.Wall.Ticks)),
    measured[s].Average(m => m.MeanBatch))).ToList();
results.Add(PreprocessOnly());
results.Add(ModelOnly(batch: 1));
results.Add(ModelOnly(batch: arguments.Callers));

Console.WriteLine();
Console.WriteLine("| scenario | p50 ms | p99 ms | images/s | mean batch |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
foreach (var result in results)
{
    Console.WriteLine(string.Create(invariant, $"| {result.Name} | {result.P50:0.00} | {result.P99:0.00} | {result.Throughput:0.0} | {result.MeanBatch:0.0} |"));
}

Console.WriteLine();
Console.WriteLine(string.Create(invariant,
    $"batched / unbatched throughput with {arguments.Callers} callers: {results[2].Throughput / results[1].Throughput:0.00}x; " +
    $"batched with {arguments.Callers} callers / 1 caller: {results[2].Throughput / results[0].Throughput:0.00}x"));
return;

async Task<Measurement> RunScenarioAsync(int callers, int maxBatch)
{
    var options = Options.Create(new DetectionOptions
    {
        MaxBatchSize = maxBatch,
        BatchWaitMilliseconds = maxBatch > 1 ? 2 : 0,
        CacheSeconds = 0,
    });
    var batcher = new InferenceBatcher(models, options, telemetry, NullLogger<InferenceBatcher>.Instance);
    await batcher.StartAsync(CancellationToken.None);
    var cache = new DetectionCache(options, telemetry, NullLogger<DetectionCache>.Instance);
    var pipeline = new ObjectDetector(models, new ImageDecoder(options), batcher, cache, telemetry);

    // Warm up: a few images, so that the measured runs see warm caches and a settled thread pool.
    foreach (var image in images.Take(8))
    {
        await pipeline.DetectAsync(image, CancellationToken.None);
    }

    var latencies = new double[arguments.Requests / arguments.Rounds];
    using var batchSizes = new BatchSizeRecorder();
    var next = -1;
    var wall = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < latencies.Length)
        {
            var started = Stopwatch.GetTimestamp();
            await pipeline.DetectAsync(images[i % images.Length], CancellationToken.None);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
    })));
    wall.Stop();

    await batcher.StopAsync(CancellationToken.None);
    batcher.Dispose();
    return new Measurement(latencies, wall.Elapsed, batchSizes.Mean);
}

ScenarioResult PreprocessOnly()
{
    var decoder = new ImageDecoder(Options.Create(new DetectionOptions()));
    var input = new float[detector.InputLength];
    var latencies = new double[arguments.Requests];
    var wall = Stopwatch.StartNew();
    for (var i = 0; i < arguments.Requests; i++)
    {
        var started = Stopwatch.GetTimestamp();
        using (var decoded = decoder.Decode(images[i % images.Length], detector.InputWidth, detector.InputHeight))
        {
            LetterboxRenderer.Render(decoded, detector.InputWidth, detector.InputHeight, input);
        }

        latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    wall.Stop();
    return ScenarioResult.From("decode + letterbox only", latencies, wall.Elapsed, 1);
}

ScenarioResult ModelOnly(int batch)
{
    var input = new float[detector.InputLength];
    var served = new DetectionOptions();
    var options = Options.Create(served);
    using (var decoded = new ImageDecoder(options).Decode(images[0], detector.InputWidth, detector.InputHeight))
    {
        LetterboxRenderer.Render(decoded, detector.InputWidth, detector.InputHeight, input);
    }

    var inputs = Enumerable.Repeat(input, batch).ToArray();
    var postProcessing = new PostProcessing(served.ConfidenceThreshold, served.IouThreshold, served.MaxDetections, CrossClassIouThreshold: served.CrossClassIouThreshold);
    for (var i = 0; i < 5; i++)
    {
        detector.Detect(inputs, postProcessing);
    }

    var runs = Math.Max(10, arguments.Requests / batch);
    var perImage = new double[runs];
    var wall = Stopwatch.StartNew();
    for (var i = 0; i < runs; i++)
    {
        var started = Stopwatch.GetTimestamp();
        detector.Detect(inputs, postProcessing);
        perImage[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    wall.Stop();
    var result = ScenarioResult.From($"model only, batch {batch} (ms per run)", perImage, wall.Elapsed, batch);
    return result with { Throughput = runs * batch / wall.Elapsed.TotalSeconds };
}
