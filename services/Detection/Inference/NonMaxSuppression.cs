namespace IceCheckout.Detection.Inference;

/// <summary>Greedy non-maximum suppression (ONNX Runtime's C# API has no NMS to call).</summary>
public static class NonMaxSuppression
{
    /// <summary>
    /// Per class first; then, below a <paramref name="crossClassIouThreshold"/> of 1, boxes of different classes that overlap
    /// more than it are taken for one product seen twice and only the higher score stays.
    /// </summary>
    /// <returns>The kept candidates, highest score first, at most <paramref name="maxDetections"/>.</returns>
    public static List<Candidate> Apply(IEnumerable<Candidate> candidates, float iouThreshold, int maxDetections, float crossClassIouThreshold = 1f)
    {
        var ranked = candidates.OrderByDescending(c => c.Score);
        return crossClassIouThreshold >= 1f
            ? Keep(ranked, iouThreshold, sameClassOnly: true, maxDetections)
            : Keep(Keep(ranked, iouThreshold, sameClassOnly: true, int.MaxValue), crossClassIouThreshold, sameClassOnly: false, maxDetections);
    }

    private static List<Candidate> Keep(IEnumerable<Candidate> ranked, float iouThreshold, bool sameClassOnly, int maxDetections)
    {
        var kept = new List<Candidate>();
        foreach (var candidate in ranked)
        {
            if (kept.Count == maxDetections)
            {
                break;
            }

            var suppressed = false;
            foreach (var other in kept)
            {
                if ((!sameClassOnly || other.ClassId == candidate.ClassId) && other.Box.IntersectionOverUnion(candidate.Box) > iouThreshold)
                {
                    suppressed = true;
                    break;
                }
            }

            if (!suppressed)
            {
                kept.Add(candidate);
            }
        }

        return kept;
    }
}
