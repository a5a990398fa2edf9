using IceCheckout.Detection.Inference;
using IceCheckout.Detection.Tests.Support;

namespace IceCheckout.Detection.Tests;

/// <summary>The accuracy arithmetic the shipped-model test relies on, on cases worked out by hand.</summary>
public class DetectionMetricsTests
{
    private static readonly BoxF s_left = new(0, 0, 10, 10);
    private static readonly BoxF s_right = new(20, 0, 30, 10);
    private static readonly BoxF s_elsewhere = new(50, 50, 60, 60);

    [Fact]
    public void Average_precision_uses_the_precision_envelope_at_101_recall_points()
    {
        // Class 0 has two boxes; ranked detections: hit (0.9), miss (0.8), hit (0.7).
        // Recall 0.5, 0.5, 1; precision 1, 1/2, 2/3, envelope 1, 2/3, 2/3: recall points 0..0.5 read 1, 0.51..1 read 2/3.
        IReadOnlyList<ScoredBox>[] detections =
        [
            [new(0, 0.9f, s_left), new(0, 0.8f, s_elsewhere), new(0, 0.7f, s_right)],
        ];
        IReadOnlyList<LabelledBox>[] truths = [[new(0, s_left), new(0, s_right)]];

        Assert.Equal((51 + 50 * 2.0 / 3) / 101, DetectionMetrics.MeanAveragePrecision50(detections, truths), 6);
    }

    [Fact]
    public void The_mean_is_over_the_classes_present_and_a_class_never_found_scores_zero()
    {
        IReadOnlyList<ScoredBox>[] detections = [[new(0, 0.9f, s_left), new(2, 0.9f, s_elsewhere)]];
        IReadOnlyList<LabelledBox>[] truths = [[new(0, s_left), new(1, s_right)]];

        Assert.Equal(0.5, DetectionMetrics.MeanAveragePrecision50(detections, truths), 6);
    }

    [Fact]
    public void A_duplicate_detection_of_one_box_is_a_false_positive()
    {
        IReadOnlyList<ScoredBox>[] detections = [[new(0, 0.9f, s_left), new(0, 0.8f, s_left)]];
        IReadOnlyList<LabelledBox>[] truths = [[new(0, s_left)]];

        // Recall reaches 1 at the first detection, so the miss after it does not lower the interpolated precision.
        Assert.Equal(1.0, DetectionMetrics.MeanAveragePrecision50(detections, truths), 6);
        Assert.Equal(0.0, DetectionMetrics.ExactTrayRate(detections, truths, countThreshold: 0.5f));
        Assert.Equal(1.0, DetectionMetrics.ExactTrayRate(detections, truths, countThreshold: 0.85f));
    }

    [Fact]
    public void A_tray_is_exact_when_every_class_count_matches()
    {
        IReadOnlyList<ScoredBox>[] detections =
        [
            [new(0, 0.9f, s_left), new(1, 0.9f, s_right)],
            [new(0, 0.9f, s_left), new(0, 0.3f, s_right)],
        ];
        IReadOnlyList<LabelledBox>[] truths =
        [
            [new(1, s_left), new(0, s_right)],
            [new(0, s_left), new(0, s_right)],
        ];

        // The first tray counts one of each (boxes do not matter for counts); the second misses a 0 under the threshold.
        Assert.Equal(0.5, DetectionMetrics.ExactTrayRate(detections, truths, countThreshold: 0.5f));
    }
}
