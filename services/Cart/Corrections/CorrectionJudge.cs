using IceCheckout.Cart.Model;

namespace IceCheckout.Cart.Corrections;

/// <summary>
/// Compares a scan as served with the cart after the shopper's corrections, frame by frame: a box whose product (or the
/// product it was swapped for) stays at least as often as it has boxes is confirmed or relabelled, one whose product
/// left is removed, and fewer units than boxes is ambiguous. Units with no box are products the camera missed.
/// </summary>
public static class CorrectionJudge
{
    public static CorrectionRecord Judge(ScanCapture capture, CartState cart, IReadOnlyDictionary<int, string?> labels, DateTimeOffset now)
    {
        var corrections = cart.Corrections.Where(c => c.ScanId == capture.ScanId).ToList();
        var swaps = new Dictionary<int, int>();
        foreach (var swap in corrections.Where(c => c.Action == CorrectionActions.Swap && c.ReplacementProductId is not null))
        {
            swaps[swap.ProductId] = swap.ReplacementProductId!.Value;
        }

        var final = cart.Lines.GroupBy(l => l.ProductId).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
        var boxes = new List<BoxVerdict>();
        var missing = new List<ProductWithoutBox>();
        foreach (var frame in capture.Frames)
        {
            var detections = capture.Detections.Where(d => d.Frame == frame.Index).ToList();
            var boxesOf = detections.GroupBy(d => Target(d.ProductId, swaps)).ToDictionary(g => g.Key, g => g.Count());
            foreach (var detection in detections)
            {
                var target = Target(detection.ProductId, swaps);
                var kept = final.GetValueOrDefault(target);
                var verdict = kept == 0 ? BoxVerdicts.Removed
                    : kept < boxesOf[target] ? BoxVerdicts.Ambiguous
                    : target != detection.ProductId ? BoxVerdicts.Relabelled
                    : BoxVerdicts.Confirmed;
                var settled = verdict is BoxVerdicts.Confirmed or BoxVerdicts.Relabelled;
                boxes.Add(new BoxVerdict(frame.Index, detection.Box, detection.Label, detection.ProductId, verdict,
                    settled ? labels.GetValueOrDefault(target) ?? detection.Label : null, settled ? target : null));
            }

            foreach (var (productId, quantity) in final)
            {
                var unseen = quantity - boxesOf.GetValueOrDefault(productId);
                if (unseen > 0)
                {
                    missing.Add(new ProductWithoutBox(frame.Index, productId, labels.GetValueOrDefault(productId), unseen));
                }
            }
        }

        return new CorrectionRecord(
            capture.ScanId, capture.CartId, capture.ScannedAt, now, capture.Frames, capture.Detections, corrections,
            [.. final.Select(f => new FinalProduct(f.Key, labels.GetValueOrDefault(f.Key), f.Value))], boxes, missing);
    }

    /// <summary>The product a detected one became, following swaps (a swap of a swap included).</summary>
    private static int Target(int productId, Dictionary<int, int> swaps)
    {
        var target = productId;
        for (var step = 0; step < swaps.Count && swaps.TryGetValue(target, out var next); step++)
        {
            target = next;
        }

        return target;
    }
}
