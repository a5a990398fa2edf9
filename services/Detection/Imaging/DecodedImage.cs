using SkiaSharp;

namespace IceCheckout.Detection.Imaging;

/// <summary>
/// Decoded pixels as stored in the file (possibly decoded at a reduced scale) plus the EXIF orientation,
/// and the size of the image as displayed at full resolution, which is what boxes are reported in.
/// </summary>
public sealed class DecodedImage(SKBitmap pixels, SKEncodedOrigin origin, int width, int height) : IDisposable
{
    public SKBitmap Pixels { get; } = pixels;

    public SKEncodedOrigin Origin { get; } = origin;

    /// <summary>Width of the displayed image (orientation applied), in original pixels.</summary>
    public int Width { get; } = width;

    public int Height { get; } = height;

    private IDisposable? _admission;

    /// <summary>Keeps the decode's admission until these pixels are disposed, so the memory budget counts them while they live.</summary>
    internal DecodedImage Holding(IDisposable admission)
    {
        _admission = admission;
        return this;
    }

    public void Dispose()
    {
        Pixels.Dispose();
        _admission?.Dispose();
    }
}
