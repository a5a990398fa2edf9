using System.Globalization;
using System.Text.RegularExpressions;

namespace IceCheckout.Detection.Tests.Support;

/// <summary>
/// The model card's figures per held-out set: rows <c>| `models/testset-camera/hard` | 80 | 0.912 | 0.701 | 0.650 |</c> of its
/// "Accuracy by set" table (set, trays, mAP@0.5, mAP@0.5:0.95, exact trays), and the sure level it states.
/// </summary>
public static partial class ModelCardSets
{
    public sealed record SetFigures(string Set, int Trays, double Map50, double Map50To95, double ExactTrays);

    public static IReadOnlyDictionary<string, SetFigures> Read(string path)
    {
        var figures = new Dictionary<string, SetFigures>(StringComparer.Ordinal);
        foreach (Match row in SetRow().Matches(File.ReadAllText(path)))
        {
            var set = row.Groups["set"].Value;
            figures[set] = new SetFigures(
                set,
                int.Parse(row.Groups["trays"].Value, CultureInfo.InvariantCulture),
                Number(row, "map50"),
                Number(row, "map5095"),
                Number(row, "exact"));
        }

        return figures;
    }

    public static float SureLevel(string path) =>
        SureLevelPattern().Match(File.ReadAllText(path)) is { Success: true } match
            ? float.Parse(match.Groups["level"].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("The model card states no served sure level (\"served sure level **0.75**\").");

    private static double Number(Match row, string group) => double.Parse(row.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\|\s*`models/(?<set>[a-z0-9/_-]+)`\s*\|\s*(?<trays>[0-9]+)\s*\|\s*\**(?<map50>[01]\.[0-9]+)\**\s*\|\s*\**(?<map5095>[01]\.[0-9]+)\**\s*\|\s*\**(?<exact>[01]\.[0-9]+)\**", RegexOptions.Multiline)]
    private static partial Regex SetRow();

    [GeneratedRegex(@"[Ss]erved sure level:?\s*\**(?<level>0\.[0-9]+)\**")]
    private static partial Regex SureLevelPattern();
}
