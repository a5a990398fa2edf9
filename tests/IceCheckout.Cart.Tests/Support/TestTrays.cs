using IceCheckout.Testing;
using SkiaSharp;

namespace IceCheckout.Cart.Tests.Support;

/// <summary>The held-out trays of <c>models/testset</c> (YOLO format) and what is on each.</summary>
public static class TestTrays
{
    private static readonly string s_folder = Path.Combine(RepositoryRoot.Path, "models", "testset");
    private static readonly Lazy<string[]> s_names = new(ReadNames);

    public static byte[] Image(string tray) => File.ReadAllBytes(Path.Combine(s_folder, "images", tray + ".jpg"));

    /// <summary>The labelled boxes: product label and box in relative centre/size coordinates.</summary>
    public static IReadOnlyList<(string Label, float X, float Y, float Width, float Height)> Boxes(string tray) =>
        [.. File.ReadAllLines(Path.Combine(s_folder, "labels", tray + ".txt"))
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => l.Split(' '))
            .Select(p => (s_names.Value[int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture)], F(p[1]), F(p[2]), F(p[3]), F(p[4])))];

    /// <summary>How many of each product the tray holds.</summary>
    public static IReadOnlyDictionary<string, int> Contents(string tray) =>
        Boxes(tray).GroupBy(b => b.Label).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The tray with one product painted over in the tray's background colour, as if a hand hid it in one frame.</summary>
    public static byte[] WithoutProduct(string tray, string label)
    {
        using var bitmap = SKBitmap.Decode(Image(tray));
        var box = Boxes(tray).First(b => b.Label == label);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = bitmap.GetPixel(2, 2), Style = SKPaintStyle.Fill })
        {
            var (w, h) = (bitmap.Width, bitmap.Height);
            canvas.DrawRect(SKRect.Create((box.X - box.Width / 2) * w - 4, (box.Y - box.Height / 2) * h - 4, box.Width * w + 8, box.Height * h + 8), paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Jpeg, 92).ToArray();
    }

    private static float F(string value) => float.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

    private static string[] ReadNames() =>
        [.. File.ReadAllLines(Path.Combine(s_folder, "data.yaml"))
            .SkipWhile(l => !l.StartsWith("names:", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal))
            .Select(l => l.Split(':', 2)[1].Trim())];
}
