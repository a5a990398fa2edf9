using IceCheckout.Detection.Inference;

namespace IceCheckout.Detection.Tests.Support;

public sealed record LabelledBox(int ClassId, BoxF Box);

public sealed record ScoredBox(int ClassId, float Score, BoxF Box);

/// <summary>
/// The model card's accuracy figures, computed the way the training tools compute them: COCO-style 101-point
/// interpolated AP at IoU 0.5 averaged over the classes present, and the share of trays whose per-class counts
/// at the counting threshold equal the labels.
/// </summary>
public static class DetectionMetrics
{
    public static double MeanAveragePrecision50(IReadOnlyList<IReadOnlyList<ScoredBox>> detections, IReadOnlyList<IReadOnlyList<LabelledBox>> truths)
    {
        var records = new Dictionary<int, List<(float Score, bool TruePositive)>>();
        var positives = new Dictionary<int, int>();
        for (var image = 0; image < truths.Count; image++)
        {
            foreach (var truth in truths[image])
            {
                positives[truth.ClassId] = positives.GetValueOrDefault(truth.ClassId) + 1;
            }

            foreach (var classId in detections[image].Select(d => d.ClassId).Distinct())
            {
                var ranked = detections[image].Where(d => d.ClassId == classId).OrderByDescending(d => d.Score).ToList();
                var boxes = truths[image].Where(t => t.ClassId == classId).Select(t => t.Box).ToList();
                var used = new bool[boxes.Count];
                var list = records.TryGetValue(classId, out var existing) ? existing : records[classId] = [];
                foreach (var detection in ranked)
                {
                    var best = -1;
                    var bestIou = 0.5f;
                    for (var j = 0; j < boxes.Count; j++)
                    {
                        var iou = detection.Box.IntersectionOverUnion(boxes[j]);
                        if (!used[j] && iou >= bestIou && (best < 0 || iou > detection.Box.IntersectionOverUnion(boxes[best])))
                        {
                            best = j;
                            bestIou = iou;
                        }
                    }

                    if (best >= 0)
                    {
                        used[best] = true;
                    }

                    list.Add((detection.Score, best >= 0));
                }
            }
        }

        return positives.Keys.Average(classId =>
            records.TryGetValue(classId, out var list) ? AveragePrecision(list, positives[classId]) : 0.0);
    }

    public static double ExactTrayRate(
        IReadOnlyList<IReadOnlyList<ScoredBox>> detections, IReadOnlyList<IReadOnlyList<LabelledBox>> truths, float countThreshold)
    {
        var exact = 0;
        for (var image = 0; image < truths.Count; image++)
        {
            var predicted = detections[image].Where(d => d.Score >= countThreshold).GroupBy(d => d.ClassId).ToDictionary(g => g.Key, g => g.Count());
            var labelled = truths[image].GroupBy(t => t.ClassId).ToDictionary(g => g.Key, g => g.Count());
            if (predicted.Count == labelled.Count && predicted.All(p => labelled.GetValueOrDefault(p.Key) == p.Value))
            {
                exact++;
            }
        }

        return (double)exact / truths.Count;
    }

    private static double AveragePrecision(List<(float Score, bool TruePositive)> records, int positives)
    {
        var ranked = records.OrderByDescending(r => r.Score).ToList();
        var recall = new double[ranked.Count];
        var precision = new double[ranked.Count];
        double truePositives = 0, falsePositives = 0;
        for (var i = 0; i < ranked.Count; i++)
        {
            if (ranked[i].TruePositive)
            {
                truePositives++;
            }
            else
            {
                falsePositives++;
            }

            recall[i] = truePositives / positives;
            precision[i] = truePositives / Math.Max(truePositives + falsePositives, 1e-9);
        }

        for (var i = precision.Length - 2; i >= 0; i--)
        {
            precision[i] = Math.Max(precision[i], precision[i + 1]);
        }

        var sum = 0.0;
        for (var step = 0; step <= 100; step++)
        {
            var target = step / 100.0;
            var index = Array.FindIndex(recall, r => r >= target);
            sum += index >= 0 ? precision[index] : 0;
        }

        return sum / 101;
    }
}
