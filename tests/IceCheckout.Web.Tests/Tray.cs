using System.Globalization;
using IceCheckout.Testing;

namespace IceCheckout.Web.Tests;

/// <summary>
/// A held-out tray photo of <c>models/</c> and what is on it: its YOLO labels (<c>labels/NAME.txt</c>, one box a line, the
/// class an index into <c>models/labels.txt</c>).
/// </summary>
public sealed record Tray(string Set, string Name)
{
    private static readonly Lazy<string[]> s_labels = new(() => File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "models", "labels.txt")));

    /// <summary>Every product the shipped model finds on it, each scored 0.91 or more.</summary>
    public static Tray Purchase { get; } = new("testset", "test_000028");

    /// <summary>
    /// Melona Strawberry, Gugu Cone and Seolleim; the shipped model takes the Gugu Cone for a World Cone, scored 0.51 (below
    /// the sure level), and the other two at 0.94 and more.
    /// </summary>
    public static Tray Doubtful { get; } = new("testset-camera/moderate", "test_000058");

    /// <summary>World Cone, Super Cone and Bungeo Ssamanco, each scored 0.97 or more.</summary>
    public static Tray Cones { get; } = new("testset", "test_000039");

    /// <summary>Melona, Melona Strawberry and Jaws Bar, each scored 0.90 or more.</summary>
    public static Tray WithMelona { get; } = new("testset", "test_000029");

    public static IEnumerable<Tray> All => [Purchase, Doubtful, Cones, WithMelona];

    public string ImagePath => Path.Combine(RepositoryRoot.Path, "models", Set, "images", $"{Name}.jpg");

    /// <summary>One detection label per labelled box.</summary>
    public IReadOnlyList<string> Boxes =>
        [.. File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "models", Set, "labels", $"{Name}.txt"))
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => s_labels.Value[int.Parse(line.Split(' ')[0], CultureInfo.InvariantCulture)])];

    /// <summary>How many of each product (by detection label) the tray holds.</summary>
    public IReadOnlyDictionary<string, int> Contents =>
        Boxes.GroupBy(label => label).ToDictionary(group => group.Key, group => group.Count());
}
