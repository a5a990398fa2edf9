using IceCheckout.Detection.Inference;

namespace IceCheckout.Detection.Tests;

public class NonMaxSuppressionTests
{
    [Fact]
    public void Intersection_over_union_of_hand_checked_boxes()
    {
        var a = new BoxF(0, 0, 10, 10);

        // Overlap 9x9 = 81, union 100 + 100 - 81 = 119.
        Assert.Equal(81f / 119f, a.IntersectionOverUnion(new BoxF(1, 1, 11, 11)), 5);
        // Overlap 5x10 = 50, union 150.
        Assert.Equal(1f / 3f, a.IntersectionOverUnion(new BoxF(5, 0, 15, 10)), 5);
        Assert.Equal(0f, a.IntersectionOverUnion(new BoxF(10, 0, 20, 10)));
    }

    [Fact]
    public void Keeps_the_best_box_of_each_overlapping_group_per_class()
    {
        Candidate[] candidates =
        [
            new(0, 0.80f, new BoxF(1, 1, 11, 11)),     // IoU 0.68 with the 0.9 box: suppressed
            new(0, 0.90f, new BoxF(0, 0, 10, 10)),
            new(0, 0.60f, new BoxF(5, 0, 15, 10)),     // IoU 0.33 with the 0.9 box: kept
            new(1, 0.70f, new BoxF(0, 0, 10, 10)),     // other class on the same spot: kept
            new(0, 0.50f, new BoxF(100, 100, 120, 120)),
        ];

        var kept = NonMaxSuppression.Apply(candidates, iouThreshold: 0.5f, maxDetections: 100);

        Assert.Equal([0.90f, 0.70f, 0.60f, 0.50f], kept.Select(c => c.Score));
        Assert.Equal([0, 1, 0, 0], kept.Select(c => c.ClassId));
    }

    [Fact]
    public void A_stricter_threshold_suppresses_more()
    {
        Candidate[] candidates =
        [
            new(0, 0.90f, new BoxF(0, 0, 10, 10)),
            new(0, 0.60f, new BoxF(5, 0, 15, 10)),
        ];

        Assert.Single(NonMaxSuppression.Apply(candidates, iouThreshold: 0.3f, maxDetections: 100));
    }

    [Fact]
    public void With_cross_class_suppression_two_classes_on_one_spot_are_one_product()
    {
        Candidate[] candidates =
        [
            new(0, 0.90f, new BoxF(0, 0, 10, 10)),
            new(1, 0.70f, new BoxF(1, 1, 11, 11)),     // IoU 0.68 with the 0.9 box of class 0: the same product
            new(1, 0.60f, new BoxF(5, 0, 15, 10)),     // IoU 0.33: a product beside it
        ];

        var kept = NonMaxSuppression.Apply(candidates, iouThreshold: 0.5f, maxDetections: 100, crossClassIouThreshold: 0.6f);

        Assert.Equal([(0, 0.90f), (1, 0.60f)], kept.Select(c => (c.ClassId, c.Score)));
    }

    [Fact]
    public void Cross_class_suppression_runs_on_what_per_class_suppression_kept()
    {
        Candidate[] candidates =
        [
            new(0, 0.90f, new BoxF(0, 0, 10, 10)),
            new(1, 0.80f, new BoxF(1, 0, 11, 10)),     // IoU 0.82 with the class 0 box
            new(1, 0.70f, new BoxF(3, 0, 13, 10)),     // IoU 0.67 with the 0.8 box of its class, 0.54 with the class 0 box
        ];

        // Per class the 0.7 box goes (behind 0.8); across classes the 0.8 box goes (behind 0.9). The 0.7 box stays gone.
        var kept = NonMaxSuppression.Apply(candidates, iouThreshold: 0.5f, maxDetections: 100, crossClassIouThreshold: 0.6f);

        Assert.Equal([(0, 0.90f)], kept.Select(c => (c.ClassId, c.Score)));
    }

    [Fact]
    public void The_detection_limit_counts_what_cross_class_suppression_kept()
    {
        Candidate[] candidates =
        [
            new(0, 0.90f, new BoxF(0, 0, 10, 10)),
            new(1, 0.85f, new BoxF(0, 0, 10, 10)),
            new(2, 0.80f, new BoxF(0, 0, 10, 10)),
            new(0, 0.50f, new BoxF(50, 50, 60, 60)),
            new(1, 0.40f, new BoxF(100, 100, 110, 110)),
        ];

        var kept = NonMaxSuppression.Apply(candidates, iouThreshold: 0.5f, maxDetections: 2, crossClassIouThreshold: 0.6f);

        Assert.Equal([0.90f, 0.50f], kept.Select(c => c.Score));
    }

    [Fact]
    public void Stops_at_the_detection_limit_keeping_the_best()
    {
        var candidates = Enumerable.Range(0, 10).Select(i => new Candidate(0, i / 10f, new BoxF(i * 20, 0, i * 20 + 10, 10)));

        var kept = NonMaxSuppression.Apply(candidates, iouThreshold: 0.5f, maxDetections: 3);

        Assert.Equal([0.9f, 0.8f, 0.7f], kept.Select(c => c.Score));
    }
}
