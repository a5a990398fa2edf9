using System.Text.Json;
using Microsoft.Extensions.Options;

namespace IceCheckout.Cart.Corrections;

/// <summary>What staff read: the corrected scans, newest first, and which products the camera confuses most.</summary>
public sealed class CorrectionQueries(IFrameStore store, IOptions<CorrectionOptions> options)
{
    public async Task<IReadOnlyList<CorrectionRecord>> ListAsync(int max, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return [];
        }

        var records = new List<CorrectionRecord>();
        await foreach (var folder in store.ListFoldersAsync(cancellationToken))
        {
            if (await store.ReadAsync($"{folder.Name}/{CorrectionRecorder.CorrectionFile}", cancellationToken) is { } json
                && JsonSerializer.Deserialize<CorrectionRecord>(json, JsonSerializerOptions.Web) is { } record)
            {
                records.Add(record);
            }
        }

        return [.. records.OrderByDescending(r => r.CorrectedAt).Take(max)];
    }

    /// <summary>Served label -> what it really was, counted over boxes: relabelled boxes, removed ones (<c>finalLabel</c> null) and units without a box (<c>servedLabel</c> null).</summary>
    public async Task<CorrectionSummary> SummarizeAsync(int top, CancellationToken cancellationToken)
    {
        var records = await ListAsync(int.MaxValue, cancellationToken);
        var confusions = records.SelectMany(r => r.Boxes
                .Where(b => b.Verdict is BoxVerdicts.Relabelled or BoxVerdicts.Removed)
                .Select(b => (Served: (string?)b.ServedLabel, Final: b.FinalLabel, Count: 1))
                .Concat(r.ProductsWithoutBox.Select(p => (Served: (string?)null, Final: p.Label, Count: p.Missing))))
            .GroupBy(c => (c.Served, c.Final))
            .Select(g => new ConfusedPair(g.Key.Served, g.Key.Final, g.Sum(c => c.Count)))
            .OrderByDescending(p => p.Count).ThenBy(p => p.ServedLabel).ThenBy(p => p.FinalLabel)
            .Take(top)
            .ToList();
        return new CorrectionSummary(records.Count, records.Sum(r => r.Boxes.Count(b => b.Verdict == BoxVerdicts.Confirmed)), confusions);
    }

    /// <summary>A frame of a kept scan and its content type, or null.</summary>
    public async Task<(byte[] Content, string ContentType)?> FrameAsync(Guid scanId, int index, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled
            || await store.ReadAsync($"{scanId:N}/{CorrectionRecorder.CaptureFile}", cancellationToken) is not { } json
            || JsonSerializer.Deserialize<ScanCapture>(json, JsonSerializerOptions.Web)?.Frames.FirstOrDefault(f => f.Index == index) is not { } frame
            || await store.ReadAsync($"{scanId:N}/{frame.File}", cancellationToken) is not { } content)
        {
            return null;
        }

        return (content, frame.ContentType);
    }
}

public sealed record CorrectionSummary(int Corrections, int ConfirmedBoxes, IReadOnlyList<ConfusedPair> ConfusedPairs);

/// <param name="ServedLabel">what the camera said; null for a product it missed</param>
/// <param name="FinalLabel">what the shopper said it was; null for a box with nothing the store sells</param>
public sealed record ConfusedPair(string? ServedLabel, string? FinalLabel, int Count);
