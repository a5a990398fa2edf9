using SkiaSharp;

namespace IceCheckout.Detection.Imaging;

/// <summary>Draws a decoded image, upright, into the model input: letterboxed on grey 114, RGB, CHW floats 0..1.</summary>
public static class LetterboxRenderer
{
    public const byte PadValue = 114;

    public static LetterboxTransform Render(DecodedImage image, int targetWidth, int targetHeight, Span<float> destination)
    {
        var planeLength = targetWidth * targetHeight;
        if (destination.Length != 3 * planeLength)
        {
            throw new ArgumentException($"The destination must hold 3x{targetWidth}x{targetHeight} values.", nameof(destination));
        }

        var transform = new LetterboxTransform(image.Width, image.Height, targetWidth, targetHeight);
        using var canvasBitmap = new SKBitmap(new SKImageInfo(targetWidth, targetHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(canvasBitmap))
        using (var source = SKImage.FromBitmap(image.Pixels))
        {
            canvas.Clear(new SKColor(PadValue, PadValue, PadValue));
            canvas.Translate(transform.PadLeft, transform.PadTop);

            // Scale from the decoded (possibly reduced, possibly rotated) pixels to the resized upright image.
            var rotated = ImageDecoder.IsRotatedQuarterTurn(image.Origin);
            var (uprightWidth, uprightHeight) = rotated
                ? (image.Pixels.Height, image.Pixels.Width)
                : (image.Pixels.Width, image.Pixels.Height);
            var scale = Math.Min((float)transform.ResizedWidth / uprightWidth, (float)transform.ResizedHeight / uprightHeight);
            canvas.Scale((float)transform.ResizedWidth / uprightWidth, (float)transform.ResizedHeight / uprightHeight);
            canvas.Concat(OrientationMatrix(image.Origin, image.Pixels.Width, image.Pixels.Height));

            // Bilinear reads 2x2 pixels, enough down to half size; below that, mipmaps average like an area resize.
            var sampling = new SKSamplingOptions(SKFilterMode.Linear, scale < 0.5f ? SKMipmapMode.Linear : SKMipmapMode.None);
            using var paint = new SKPaint { BlendMode = SKBlendMode.SrcOver };
            canvas.DrawImage(source, 0, 0, sampling, paint);
        }

        var pixels = canvasBitmap.GetPixelSpan();
        for (var i = 0; i < planeLength; i++)
        {
            var offset = i * 4;
            destination[i] = pixels[offset] / 255f;
            destination[planeLength + i] = pixels[offset + 1] / 255f;
            destination[2 * planeLength + i] = pixels[offset + 2] / 255f;
        }

        return transform;
    }

    /// <summary>Maps stored pixel coordinates (width x height as stored) to upright ones, per the EXIF orientation.</summary>
    public static SKMatrix OrientationMatrix(SKEncodedOrigin origin, int width, int height) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, width, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, width, 0, -1, height, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, height, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, height, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, height, -1, 0, width, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, width, 0, 0, 1),
        _ => SKMatrix.Identity,
    };
}
