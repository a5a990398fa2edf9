using System.Security.Cryptography;
using SkiaSharp;

namespace IceCheckout.Catalog.Infrastructure.Images;

/// <summary>A plainly labelled stand-in for a product whose package art has not been rendered yet.</summary>
public static class PlaceholderImage
{
    private const int Size = 512;

    // The self-contained Skia build has no fontconfig, so a font with Hangul glyphs is looked up by path.
    private static readonly string[] s_hangulFonts =
    [
        "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/noto/NotoSansKR-Regular.ttf",
        "C:/Windows/Fonts/malgun.ttf",
        "/System/Library/Fonts/AppleSDGothicNeo.ttc",
    ];

    public static InspectedImage Render(string nameKo, string nameEn)
    {
        var info = new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(0xF1, 0xF3, 0xF5));

        using var border = new SKPaint { Color = new SKColor(0xAD, 0xB5, 0xBD), IsStroke = true, StrokeWidth = 6, IsAntialias = true };
        border.PathEffect = SKPathEffect.CreateDash([24, 14], 0);
        canvas.DrawRoundRect(new SKRect(12, 12, Size - 12, Size - 12), 24, 24, border);

        using var typeface = HangulTypeface();
        using var ink = new SKPaint { Color = new SKColor(0x34, 0x3A, 0x40), IsAntialias = true };
        using var muted = new SKPaint { Color = new SKColor(0x86, 0x8E, 0x96), IsAntialias = true };
        using var title = new SKFont(typeface, 64);
        using var subtitle = new SKFont(typeface, 36);
        using var note = new SKFont(typeface, 28);

        canvas.DrawText(nameKo, Size / 2f, 230, SKTextAlign.Center, title, ink);
        canvas.DrawText(nameEn, Size / 2f, 290, SKTextAlign.Center, subtitle, ink);
        canvas.DrawText("PLACEHOLDER IMAGE", Size / 2f, 400, SKTextAlign.Center, note, muted);
        canvas.DrawText("package art not yet rendered", Size / 2f, 440, SKTextAlign.Center, note, muted);

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        var data = png.ToArray();
        return new InspectedImage("image/png", data, Convert.ToHexStringLower(SHA256.HashData(data)), Size, Size);
    }

    private static SKTypeface HangulTypeface() =>
        s_hangulFonts.Where(File.Exists).Select(path => SKTypeface.FromFile(path)).FirstOrDefault(t => t is not null)
            ?? SKFontManager.Default.MatchCharacter('가')
            ?? SKTypeface.CreateDefault();
}
