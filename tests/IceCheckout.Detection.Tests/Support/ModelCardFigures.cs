using System.Globalization;
using System.Text.RegularExpressions;

namespace IceCheckout.Detection.Tests.Support;

/// <summary>The accuracy figures models/MODEL_CARD.md states for the held-out set.</summary>
public sealed partial record ModelCardFigures(double Map50, double ExactTrays, float CountThreshold, float IouThreshold, float CrossClassIouThreshold = 1f)
{
    /// <summary>
    /// Reads the figures from a table row (<c>| mAP@0.5 ... | 0.946 |</c>, emphasis allowed) or a phrase (<c>mAP@0.5 0.946</c>,
    /// <c>exact trays = 0.44</c>). A figure has at least two decimals, which tells it from a threshold such as 0.5.
    /// The card's thresholds are read from "confidence 0.5 and NMS IoU 0.5" or "confidence 0.5, NMS IoU 0.5 and cross-class IoU 0.6"
    /// where it states them; without a cross-class IoU the counts were taken without cross-class suppression.
    /// </summary>
    public static ModelCardFigures Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No model card at {path}: the accuracy the shipped model must reach is stated there.", path);
        }

        var card = File.ReadAllText(path);
        var thresholds = ThresholdsPattern().Match(card);
        return new ModelCardFigures(
            Figure(card, @"mAP@0\.5(?![:0-9])", "mAP@0.5"),
            Figure(card, @"[Ee]xact[ -]trays?", "exact trays"),
            thresholds.Success ? float.Parse(thresholds.Groups["confidence"].Value, CultureInfo.InvariantCulture) : 0.5f,
            thresholds.Success ? float.Parse(thresholds.Groups["iou"].Value, CultureInfo.InvariantCulture) : 0.5f,
            thresholds.Groups["cross"].Success ? float.Parse(thresholds.Groups["cross"].Value, CultureInfo.InvariantCulture) : 1f);
    }

    private static double Figure(string card, string name, string figure)
    {
        var tableRow = Regex.Match(card, @"^\|[^|\n]*" + name + @"[^|\n]*\|\s*[*_]*(?<value>[01]\.[0-9]{2,})", RegexOptions.Multiline);
        var phrase = Regex.Match(card, name + @"\s*(?:[=:]\s*)?(?<value>[01]\.[0-9]{2,})");
        var match = tableRow.Success ? tableRow : phrase;
        return match.Success
            ? double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"The model card states no {figure} figure.");
    }

    [GeneratedRegex(@"confidence (?<confidence>0\.[0-9]+),? (?:and )?NMS IoU (?<iou>0\.[0-9]+)(?:,? and cross-class IoU (?<cross>[01](?:\.[0-9]+)?))?")]
    private static partial Regex ThresholdsPattern();
}
