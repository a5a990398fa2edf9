using Microsoft.Extensions.Options;
using SkiaSharp;

namespace IceCheckout.Detection.Imaging;

/// <summary>
/// Decodes JPEG, PNG and WebP with Skia after checking the byte and pixel limits from the header alone. Requests go
/// through <see cref="DecodeAdmission"/> first, so decoding memory and concurrency stay bounded under load.
/// </summary>
public sealed class ImageDecoder(IOptions<DetectionOptions> options)
{
    private readonly DecodeAdmission _admission = new(
        options.Value.MaxConcurrentDecodes, options.Value.MaxDecodedPixelsInFlight, options.Value.MaxWaitingDecodes);

    /// <summary>
    /// Waits for room to decode (or throws <see cref="DetectionBusyException"/> when too many wait), then decodes; the
    /// room is given back when the returned image is disposed.
    /// </summary>
    public async Task<DecodedImage> DecodeAsync(ReadOnlyMemory<byte> bytes, int minimumWidth, int minimumHeight, CancellationToken cancellationToken)
    {
        var admission = await _admission.EnterAsync(PixelsToDecode(bytes.Span), cancellationToken);
        try
        {
            return Decode(bytes.Span, minimumWidth, minimumHeight).Holding(admission);
        }
        catch
        {
            admission.Dispose();
            throw;
        }
    }

    /// <summary>The most pixels decoding these bytes can allocate, read from the header; 1 for what is no image or over the limits (refused before decoding).</summary>
    private long PixelsToDecode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty || bytes.Length > options.Value.MaxImageBytes)
        {
            return 1;
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        var pixels = codec is null ? 1 : (long)codec.Info.Width * codec.Info.Height;
        return pixels > options.Value.MaxImagePixels ? 1 : pixels;
    }

    /// <param name="minimumWidth">The decode may shrink the image (JPEG and WebP decode at 1/2, 1/4, 1/8) while it stays at least this wide...</param>
    /// <param name="minimumHeight">...and this high, in displayed orientation.</param>
    public DecodedImage Decode(ReadOnlySpan<byte> bytes, int minimumWidth, int minimumHeight)
    {
        var limits = options.Value;
        if (bytes.IsEmpty)
        {
            throw ImageRejectedException.Empty();
        }

        if (bytes.Length > limits.MaxImageBytes)
        {
            throw ImageRejectedException.TooLarge(bytes.Length, limits.MaxImageBytes);
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data)
            ?? throw new ImageRejectedException(
                StatusCodes.Status400BadRequest, "Not an image", "The bytes are not a JPEG, PNG or WebP image.");

        if (codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png or SKEncodedImageFormat.Webp))
        {
            throw new ImageRejectedException(
                StatusCodes.Status415UnsupportedMediaType, "Unsupported image format", $"{codec.EncodedFormat} images are not accepted; send JPEG, PNG or WebP.");
        }

        var info = codec.Info;
        if ((long)info.Width * info.Height > limits.MaxImagePixels)
        {
            throw new ImageRejectedException(
                StatusCodes.Status413PayloadTooLarge,
                "Image too large",
                $"The image is {info.Width}x{info.Height} pixels; the limit is {limits.MaxImagePixels} pixels.");
        }

        var origin = codec.EncodedOrigin;
        var rotated = IsRotatedQuarterTurn(origin);
        var (width, height) = rotated ? (info.Height, info.Width) : (info.Width, info.Height);

        var scale = Math.Min(1f, Math.Max((float)minimumWidth / width, (float)minimumHeight / height));
        var size = scale < 1f ? codec.GetScaledDimensions(scale) : info.Size;
        if (size.Width <= 0 || size.Height <= 0)
        {
            size = info.Size;
        }

        var decodeInfo = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(decodeInfo);
        try
        {
            var decoded = codec.GetPixels(decodeInfo, bitmap.GetPixels());
            if (decoded != SKCodecResult.Success)
            {
                throw new ImageRejectedException(
                    StatusCodes.Status400BadRequest,
                    "Corrupt image",
                    decoded == SKCodecResult.IncompleteInput
                        ? $"The {codec.EncodedFormat} image is truncated."
                        : $"The {codec.EncodedFormat} image cannot be decoded ({decoded}).");
            }

            return new DecodedImage(bitmap, origin, width, height);
        }
        catch
        {
            bitmap.Dispose();
            throw;
        }
    }

    public static bool IsRotatedQuarterTurn(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
}
