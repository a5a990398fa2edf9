namespace IceCheckout.Detection.Inference;

/// <summary>Turns one image's raw output into candidates above the confidence threshold.</summary>
public static class YoloOutputDecoder
{
    /// <param name="multiLabel">
    /// False: the best class of each anchor (what a till wants: one product per box). True: every class above the
    /// threshold, as accuracy evaluations (and the model card's mAP) count them.
    /// </param>
    public static List<Candidate> Decode(ReadOnlySpan<float> output, OutputShape shape, float confidenceThreshold, bool multiLabel = false)
    {
        if (output.Length != shape.Rows * shape.Columns)
        {
            throw new ArgumentException($"Expected {shape.Rows * shape.Columns} values, got {output.Length}.", nameof(output));
        }

        var candidates = new List<Candidate>();
        Span<float> scores = stackalloc float[shape.ClassCount];
        var v8 = shape.Layout == OutputLayout.YoloV8;
        var anchors = shape.AnchorCount;
        for (var i = 0; i < anchors; i++)
        {
            BoxF box;
            if (v8)
            {
                for (var c = 0; c < scores.Length; c++)
                {
                    scores[c] = output[(4 + c) * anchors + i];
                }

                box = BoxF.FromCenter(output[i], output[anchors + i], output[2 * anchors + i], output[3 * anchors + i]);
            }
            else
            {
                var row = output.Slice(i * shape.Columns, shape.Columns);
                var objectness = row[4];
                if (objectness < confidenceThreshold)
                {
                    continue;
                }

                for (var c = 0; c < scores.Length; c++)
                {
                    scores[c] = objectness * row[5 + c];
                }

                box = BoxF.FromCenter(row[0], row[1], row[2], row[3]);
            }

            AddCandidates(candidates, scores, box, confidenceThreshold, multiLabel);
        }

        return candidates;
    }

    private static void AddCandidates(List<Candidate> candidates, ReadOnlySpan<float> scores, BoxF box, float threshold, bool multiLabel)
    {
        var bestClass = -1;
        var bestScore = threshold;
        for (var c = 0; c < scores.Length; c++)
        {
            if (scores[c] < threshold)
            {
                continue;
            }

            if (multiLabel)
            {
                candidates.Add(new Candidate(c, scores[c], box));
            }
            else if (scores[c] >= bestScore)
            {
                bestScore = scores[c];
                bestClass = c;
            }
        }

        if (bestClass >= 0)
        {
            candidates.Add(new Candidate(bestClass, bestScore, box));
        }
    }
}
