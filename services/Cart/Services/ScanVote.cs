using IceCheckout.Cart.Model;

namespace IceCheckout.Cart.Services;

/// <summary>What a scan of several frames of one still tray says is on it.</summary>
public static class ScanVote
{
    public sealed record VotedLine(string Label, int Quantity, bool NeedsCheck);

    /// <summary>
    /// Per label, the count seen in most frames wins. A tie takes the lower count and needs a check; when that lower
    /// count is zero the product was seen in only some frames, so the line keeps the smallest count seen and needs a check
    /// (the shopper confirms rather than the product going unpaid). A detection below <paramref name="sureScore"/> also
    /// marks its line.
    /// </summary>
    public static IReadOnlyList<VotedLine> Decide(IReadOnlyList<IReadOnlyList<DetectedObject>> frames, double sureScore)
    {
        var labels = frames.SelectMany(f => f.Select(d => d.Label)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var lines = new List<VotedLine>();
        foreach (var label in labels)
        {
            var counts = frames.Select(f => f.Count(d => d.Label == label)).ToArray();
            var ranked = counts.GroupBy(c => c).Select(g => (Count: g.Key, Votes: g.Count())).OrderByDescending(v => v.Votes).ThenBy(v => v.Count).ToArray();
            var tie = ranked.Length > 1 && ranked[0].Votes == ranked[1].Votes;
            var quantity = ranked[0].Count;
            if (quantity == 0)
            {
                if (!tie)
                {
                    continue;
                }

                quantity = counts.Where(c => c > 0).Min();
            }

            var unsure = frames.Any(f => f.Any(d => d.Label == label && d.Score < sureScore));
            lines.Add(new VotedLine(label, quantity, tie || unsure));
        }

        return lines;
    }
}
