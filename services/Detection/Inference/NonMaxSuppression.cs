namespace IceCheckout.Detection.Inference;

/// <summary>Greedy per-class non-maximum suppression (ONNX Runtime's C# API has no NMS to call).</summary>
public static class NonMaxSuppression
{
    /// <returns>The kept candidates, highest score first, at most <paramref name="maxDetections"/>.</returns>
    public static List<Candidate> Apply(IEnumerable<Candidate> candidates, float iouThreshold, int maxDetections)
    {
        var kept = new List<Candidate>();
        foreach (var candidate in candidates.OrderByDescending(c => c.Score))
        {
            if (kept.Count == maxDetections)
            {
                break;
            }

            var suppressed = false;
            foreach (var other in kept)
            {
                if (other.ClassId == candidate.ClassId && other.Box.IntersectionOverUnion(candidate.Box) > iouThreshold)
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
