using System.Diagnostics.Metrics;
using System.Globalization;
using IceCheckout.Detection.Batching;
using IceCheckout.Detection.Imaging;
using IceCheckout.Detection.Inference;
using IceCheckout.Detection.Infrastructure;
using IceCheckout.Detection.Model;
using IceCheckout.Detection.Tests.Support;
using IceCheckout.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace IceCheckout.Detection.Tests;

/// <summary>
/// The shipped model, run through the service's own pipeline (decode, letterbox, batcher, NMS, boxes back to the image),
/// on every held-out set (models/testset and the camera tiers in models/testset-camera): it must reach the model card's
/// figures for that set, less a small margin, and never fall below the floor each set holds here whatever the card says.
/// </summary>
public sealed class ShippedModelAccuracyTests(ITestOutputHelper output) : IDisposable
{
    private const double MapMargin = 0.03;
    private const double ExactTrayMargin = 0.05;

    private static readonly string s_models = ModelsDirectory();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    /// <summary>The held-out sets, with the least mAP@0.5 and exact-tray rate any model shipped may reach on each.</summary>
    public static TheoryData<string, double, double> HeldOutSets => new()
    {
        { "testset", 0.95, 0.85 },
        { "testset-camera/easy", 0.90, 0.50 },
        { "testset-camera/moderate", 0.75, 0.12 },
        { "testset-camera/hard", 0.35, 0.01 },
    };

    [Fact]
    public void The_model_card_states_figures_for_every_held_out_set_and_the_main_table_agrees_with_the_plain_one()
    {
        var sets = ModelCardSets.Read(Path.Combine(s_models, "MODEL_CARD.md"));
        var card = ModelCardFigures.Read(Path.Combine(s_models, "MODEL_CARD.md"));

        Assert.Equal(HeldOutSets.Select(row => (string)row[0]).Order(StringComparer.Ordinal), sets.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((card.Map50, card.ExactTrays), (sets["testset"].Map50, sets["testset"].ExactTrays));
        foreach (var (set, figures) in sets)
        {
            Assert.Equal(Directory.GetFiles(Path.Combine(s_models, set, "images"), "*.jpg").Length, figures.Trays);
        }
    }

    [Theory]
    [MemberData(nameof(HeldOutSets))]
    public async Task The_shipped_model_reaches_the_model_card_accuracy_on_every_held_out_set(string set, double map50Floor, double exactTraysFloor)
    {
        var card = ModelCardFigures.Read(Path.Combine(s_models, "MODEL_CARD.md"));
        var stated = ModelCardSets.Read(Path.Combine(s_models, "MODEL_CARD.md"))[set];
        using var model = OnnxDetector.Load(
            Path.Combine(s_models, "ice-detector.onnx"), ExecutionProviderPreference.Cpu, 0, 0, NullLogger.Instance);
        var labels = File.ReadAllLines(Path.Combine(s_models, "labels.txt")).Where(l => l.Length > 0).ToArray();
        Assert.Equal(labels, model.ClassNames);
        var images = Directory.GetFiles(Path.Combine(s_models, set, "images"), "*.jpg").Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(images);

        // mAP as the card measures it: every class of every box down to 0.001. Exact trays with the service's own
        // decoding (one class per box, cross-class suppression), counted at the card's threshold.
        var evaluation = await DetectAllAsync(model, images, card, multiLabel: true);
        var asServed = await DetectAllAsync(model, images, card, multiLabel: false);
        var truths = images.Select((path, i) => ReadLabels(path, evaluation[i].ImageWidth, evaluation[i].ImageHeight)).ToArray();

        var map50 = DetectionMetrics.MeanAveragePrecision50(ToScored(model, evaluation), truths);
        var exactTrays = DetectionMetrics.ExactTrayRate(ToScored(model, asServed), truths, card.CountThreshold);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{set}, {images.Length} trays: mAP@0.5 {map50:0.0000} (card {stated.Map50:0.0000}), exact trays {exactTrays:0.0000} (card {stated.ExactTrays:0.0000})"));

        Assert.True(map50 >= stated.Map50 - MapMargin, $"{set}: mAP@0.5 {map50:0.0000} is below the card's {stated.Map50:0.0000} - {MapMargin}.");
        Assert.True(exactTrays >= stated.ExactTrays - ExactTrayMargin, $"{set}: exact trays {exactTrays:0.0000} are below the card's {stated.ExactTrays:0.0000} - {ExactTrayMargin}.");
        Assert.True(map50 >= map50Floor, $"{set}: mAP@0.5 {map50:0.0000} is below the floor {map50Floor}.");
        Assert.True(exactTrays >= exactTraysFloor, $"{set}: exact trays {exactTrays:0.0000} are below the floor {exactTraysFloor}.");
    }

    public void Dispose() => _services.Dispose();

    private async Task<DetectionResponse[]> DetectAllAsync(OnnxDetector model, string[] images, ModelCardFigures card, bool multiLabel)
    {
        var options = Options.Create(new DetectionOptions
        {
            ConfidenceThreshold = 0.001f,
            IouThreshold = card.IouThreshold,
            CrossClassIouThreshold = card.CrossClassIouThreshold,
            MultiLabel = multiLabel,
            MaxDetections = 100,
            MaxBatchSize = 8,
            BatchWaitMilliseconds = 5,
            CacheSeconds = 0,
        });
        using var telemetry = new DetectionTelemetry(_services.GetRequiredService<IMeterFactory>());
        var models = new DetectorModel(model);
        using var batcher = new InferenceBatcher(models, options, telemetry, NullLogger<InferenceBatcher>.Instance);
        await batcher.StartAsync(CancellationToken.None);
        var pipeline = new ObjectDetector(
            models, new ImageDecoder(options), batcher, new DetectionCache(options, telemetry, NullLogger<DetectionCache>.Instance), telemetry);

        var responses = await Task.WhenAll(images.Select(path => pipeline.DetectAsync(File.ReadAllBytes(path), CancellationToken.None)));
        await batcher.StopAsync(CancellationToken.None);
        return responses;
    }

    private static IReadOnlyList<ScoredBox>[] ToScored(OnnxDetector model, DetectionResponse[] responses) =>
        [.. responses.Select(r => (IReadOnlyList<ScoredBox>)[.. r.Detections.Select(d => new ScoredBox(
            IndexOf(model, d.Label), d.Score, new BoxF(d.Box.X, d.Box.Y, d.Box.X + d.Box.Width, d.Box.Y + d.Box.Height)))])];

    private static int IndexOf(OnnxDetector model, string label)
    {
        for (var i = 0; i < model.ClassNames.Count; i++)
        {
            if (model.ClassNames[i] == label)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"'{label}' is not a class of the model.");
    }

    private static IReadOnlyList<LabelledBox> ReadLabels(string imagePath, int width, int height)
    {
        var labelPath = Path.Combine(
            Path.GetDirectoryName(Path.GetDirectoryName(imagePath))!, "labels", Path.ChangeExtension(Path.GetFileName(imagePath), ".txt"));
        return [.. File.ReadAllLines(labelPath)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length == 5)
            .Select(fields =>
            {
                var values = fields.Skip(1).Select(f => float.Parse(f, CultureInfo.InvariantCulture)).ToArray();
                return new LabelledBox(
                    int.Parse(fields[0], CultureInfo.InvariantCulture),
                    BoxF.FromCenter(values[0] * width, values[1] * height, values[2] * width, values[3] * height));
            })];
    }

    private static string ModelsDirectory() =>
        Environment.GetEnvironmentVariable("ICECHECKOUT_MODELS_DIR") is { Length: > 0 } overridden ? overridden : Path.Combine(RepositoryRoot.Path, "models");
}
