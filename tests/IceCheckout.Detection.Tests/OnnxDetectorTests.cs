using IceCheckout.Detection.Inference;
using IceCheckout.Detection.Tests.Support;
using Microsoft.Extensions.Logging;

namespace IceCheckout.Detection.Tests;

/// <summary>Both output layouts through the real ONNX Runtime, against detections worked out by hand (see TestModels).</summary>
public class OnnxDetectorTests
{
    [Theory]
    [InlineData(TestModels.YoloV8, OutputLayout.YoloV8, 7, 4)]
    [InlineData(TestModels.YoloV5, OutputLayout.YoloV5, 4, 8)]
    public void Reads_layout_sizes_and_names_from_the_model(string model, OutputLayout layout, int rows, int columns)
    {
        using var detector = TestModels.Load(model);

        Assert.Equal(new OutputShape(layout, rows, columns, 3), detector.Output);
        Assert.Equal(["red_bar", "green_cone", "blue's cup"], detector.ClassNames);
        Assert.Equal((96, 64), (detector.InputWidth, detector.InputHeight));
        Assert.Null(detector.FixedBatchSize);
        Assert.Equal(InferenceSessionFactory.Cpu, detector.ExecutionProvider);
        Assert.Equal(Path.GetFileNameWithoutExtension(model), detector.ModelName);
    }

    [Theory]
    [InlineData(TestModels.YoloV8)]
    [InlineData(TestModels.YoloV5)]
    public void Decodes_filters_and_suppresses_per_class(string model)
    {
        using var detector = TestModels.Load(model);

        var detections = Detect(detector, TestModels.UniformInput(0, 0, 0));

        // Anchor 0 (class 0, 0.9) suppresses anchor 1 (class 0, 0.8, IoU 0.68); anchor 2 is class 1 on the same spot;
        // anchor 3 (class 2, 0.2) is under the 0.25 threshold.
        Assert.Collection(
            detections,
            d => AssertDetection(d, 0, 0.9f, new BoxF(15, 15, 25, 25)),
            d => AssertDetection(d, 1, 0.7f, new BoxF(16, 16, 26, 26)));
    }

    [Theory]
    [InlineData(TestModels.YoloV8)]
    [InlineData(TestModels.YoloV5)]
    public void The_detections_follow_the_image(string model)
    {
        using var detector = TestModels.Load(model);

        // Mean blue 1 lifts anchor 3 to 0.2 + 0.7 = 0.9; mean red 1 moves it from cx 50 to 30.
        var blue = Detect(detector, TestModels.UniformInput(0, 0, 1));
        var magenta = Detect(detector, TestModels.UniformInput(1, 0, 1));

        AssertDetection(Assert.Single(blue, d => d.ClassId == 2), 2, 0.9f, new BoxF(46, 37, 54, 43));
        AssertDetection(Assert.Single(magenta, d => d.ClassId == 2), 2, 0.9f, new BoxF(26, 37, 34, 43));
        Assert.Equal(3, blue.Count);
    }

    [Theory]
    [InlineData(TestModels.YoloV8)]
    [InlineData(TestModels.YoloV5)]
    public void Multi_label_decoding_reports_every_class_above_the_threshold(string model)
    {
        using var detector = TestModels.Load(model);
        float[][] input = [TestModels.UniformInput(0, 0, 0)];

        // At 0.08 and NMS IoU 0.9 all four anchors pass (anchor 3 with class 2 at 0.2); anchor 0 also scores class 1 at
        // 0.1, which only multi-label reports.
        var single = detector.Detect(input, new PostProcessing(ConfidenceThreshold: 0.08f, IouThreshold: 0.9f, MaxDetections: 100))[0];
        var multi = detector.Detect(input, new PostProcessing(ConfidenceThreshold: 0.08f, IouThreshold: 0.9f, MaxDetections: 100, MultiLabel: true))[0];

        Assert.Equal([(0, 0.9f), (0, 0.8f), (1, 0.7f), (2, 0.2f)], single.Select(d => (d.ClassId, MathF.Round(d.Score, 3))));
        Assert.Equal([(0, 0.9f), (0, 0.8f), (1, 0.7f), (2, 0.2f), (1, 0.1f)], multi.Select(d => (d.ClassId, MathF.Round(d.Score, 3))));
        Assert.Equal(new BoxF(15, 15, 25, 25), multi[4].Box);
    }

    [Fact]
    public void Runs_many_images_in_one_batch_each_with_its_own_result()
    {
        using var detector = TestModels.Load(TestModels.YoloV8);

        var results = detector.Detect(
            [TestModels.UniformInput(0, 0, 0), TestModels.UniformInput(0, 0, 1), TestModels.UniformInput(1, 0, 1)],
            new PostProcessing(ConfidenceThreshold: 0.25f, IouThreshold: 0.5f, MaxDetections: 100));

        Assert.Equal([2, 3, 3], results.Select(r => r.Count));
        Assert.Equal(46f, Assert.Single(results[1], d => d.ClassId == 2).Box.Left, 3);
        Assert.Equal(26f, Assert.Single(results[2], d => d.ClassId == 2).Box.Left, 3);
    }

    [Fact]
    public void A_fixed_batch_model_without_names_runs_one_image_at_a_time_with_index_names()
    {
        using var detector = TestModels.Load(TestModels.FixedBatch);

        var results = detector.Detect(
            [TestModels.UniformInput(0, 0, 0), TestModels.UniformInput(0, 0, 1)],
            new PostProcessing(ConfidenceThreshold: 0.25f, IouThreshold: 0.5f, MaxDetections: 100));

        Assert.Equal(1, detector.FixedBatchSize);
        Assert.Equal(["class0", "class1", "class2"], detector.ClassNames);
        Assert.Equal([2, 3], results.Select(r => r.Count));
    }

    [Fact]
    public void Asking_for_cuda_runs_on_cuda_where_it_can_and_otherwise_falls_back_to_cpu_with_one_warning()
    {
        var logger = new ListLogger();

        using var detector = TestModels.Load(TestModels.YoloV8, logger, ExecutionProviderPreference.Cuda);

        Assert.Equal(CudaMachine.ExpectedProvider, detector.ExecutionProvider);
        var fallbacks = logger.Entries.Where(e => e.Message.Contains("CUDA execution provider unavailable", StringComparison.Ordinal)).ToList();
        if (CudaMachine.CanRunCuda)
        {
            Assert.Empty(fallbacks);
            Assert.DoesNotContain(logger.Entries, e => e.Level >= LogLevel.Warning);
        }
        else
        {
            Assert.Equal(LogLevel.Warning, Assert.Single(fallbacks).Level);
            Assert.Single(logger.Entries, e => e.Level >= LogLevel.Warning);
        }

        Assert.Equal((0, 0.9f), Detect(detector, TestModels.UniformInput(0, 0, 0)).Select(d => (d.ClassId, d.Score)).First());
    }

    [Fact]
    public void Auto_runs_on_cuda_where_it_can_and_otherwise_falls_back_to_cpu_quietly()
    {
        var logger = new ListLogger();

        using var detector = TestModels.Load(TestModels.YoloV8, logger, ExecutionProviderPreference.Auto);

        Assert.Equal(CudaMachine.ExpectedProvider, detector.ExecutionProvider);
        Assert.DoesNotContain(logger.Entries, e => e.Level >= LogLevel.Warning);
        var onCpu = logger.Entries.Where(e => e.Message.Contains("runs on CPU", StringComparison.Ordinal)).ToList();
        if (CudaMachine.CanRunCuda)
        {
            Assert.Empty(onCpu);
        }
        else
        {
            Assert.Equal(LogLevel.Information, Assert.Single(onCpu).Level);
        }
    }

    [Fact]
    public void Cpu_runs_on_cpu_even_where_cuda_could_run()
    {
        var logger = new ListLogger();

        using var detector = TestModels.Load(TestModels.YoloV8, logger, ExecutionProviderPreference.Cpu);

        Assert.Equal(InferenceSessionFactory.Cpu, detector.ExecutionProvider);
        // Not even tried: an attempt on the CPU build would have logged that CUDA is unavailable.
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains("CUDA execution provider", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_model_fails_with_its_path()
    {
        var error = Assert.Throws<FileNotFoundException>(() => TestModels.Load("no-such-model.onnx"));

        Assert.Contains("no-such-model.onnx", error.Message, StringComparison.Ordinal);
    }

    private static IReadOnlyList<Candidate> Detect(OnnxDetector detector, float[] input) =>
        detector.Detect([input], new PostProcessing(ConfidenceThreshold: 0.25f, IouThreshold: 0.5f, MaxDetections: 100))[0];

    private static void AssertDetection(Candidate candidate, int classId, float score, BoxF box)
    {
        Assert.Equal(classId, candidate.ClassId);
        Assert.Equal(score, candidate.Score, 4);
        Assert.Equal(box.Left, candidate.Box.Left, 3);
        Assert.Equal(box.Top, candidate.Box.Top, 3);
        Assert.Equal(box.Right, candidate.Box.Right, 3);
        Assert.Equal(box.Bottom, candidate.Box.Bottom, 3);
    }
}
