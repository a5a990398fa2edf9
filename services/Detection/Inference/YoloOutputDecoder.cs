namespace IceCheckout.Detection.Inference;

/// <summary>Turns one image's raw output into candidates above the confidence threshold, best class per anchor.</summary>
public static class YoloOutputDecoder
{
    public static List<Candidate> Decode(ReadOnlySpan<float> output, OutputShape shape, float confidenceThreshold)
    {
        if (output.Length != shape.Rows * shape.Columns)
        {
            throw new ArgumentException($"Expected {shape.Rows * shape.Columns} values, got {output.Length}.", nameof(output));
        }

        return shape.Layout == OutputLayout.YoloV8
            ? DecodeV8(output, shape, confidenceThreshold)
            : DecodeV5(output, shape, confidenceThreshold);
    }

    private static List<Candidate> DecodeV8(ReadOnlySpan<float> output, OutputShape shape, float threshold)
    {
        var anchors = shape.Columns;
        var candidates = new List<Candidate>();
        for (var i = 0; i < anchors; i++)
        {
            var bestClass = -1;
            var bestScore = threshold;
            for (var c = 0; c < shape.ClassCount; c++)
            {
                var score = output[(4 + c) * anchors + i];
                if (score >= bestScore)
                {
                    bestScore = score;
                    bestClass = c;
                }
            }

            if (bestClass >= 0)
            {
                var box = BoxF.FromCenter(output[i], output[anchors + i], output[2 * anchors + i], output[3 * anchors + i]);
                candidates.Add(new Candidate(bestClass, bestScore, box));
            }
        }

        return candidates;
    }

    private static List<Candidate> DecodeV5(ReadOnlySpan<float> output, OutputShape shape, float threshold)
    {
        var width = shape.Columns;
        var candidates = new List<Candidate>();
        for (var i = 0; i < shape.Rows; i++)
        {
            var row = output.Slice(i * width, width);
            var objectness = row[4];
            if (objectness < threshold)
            {
                continue;
            }

            var bestClass = -1;
            var bestScore = threshold;
            for (var c = 0; c < shape.ClassCount; c++)
            {
                var score = objectness * row[5 + c];
                if (score >= bestScore)
                {
                    bestScore = score;
                    bestClass = c;
                }
            }

            if (bestClass >= 0)
            {
                candidates.Add(new Candidate(bestClass, bestScore, BoxF.FromCenter(row[0], row[1], row[2], row[3])));
            }
        }

        return candidates;
    }
}
