using System.Security.Cryptography;
using SkiaSharp;

namespace IceCheckout.Catalog.Infrastructure.Images;

/// <summary>Accepts PNG, JPEG and WebP images of sensible size; reads the dimensions from the header before decoding anything.</summary>
public static class ImageInspector
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MinDimension = 16;
    public const int MaxDimension = 4096;

    private static readonly Dictionary<SKEncodedImageFormat, string> s_contentTypes = new()
    {
        [SKEncodedImageFormat.Png] = "image/png",
        [SKEncodedImageFormat.Jpeg] = "image/jpeg",
        [SKEncodedImageFormat.Webp] = "image/webp",
    };

    public static IReadOnlyCollection<string> AcceptedContentTypes => s_contentTypes.Values;

    public static InspectedImage? Inspect(byte[] data, out string? error)
    {
        using var skData = SKData.CreateCopy(data);
        using var codec = SKCodec.Create(skData);
        if (codec is null)
        {
            error = "The content is not a PNG, JPEG or WebP image.";
            return null;
        }

        if (!s_contentTypes.TryGetValue(codec.EncodedFormat, out var contentType))
        {
            error = $"Images in {codec.EncodedFormat} format are not accepted; use PNG, JPEG or WebP.";
            return null;
        }

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width < MinDimension || height < MinDimension || width > MaxDimension || height > MaxDimension)
        {
            error = $"The image is {width}x{height} pixels; each side must be between {MinDimension} and {MaxDimension}.";
            return null;
        }

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput) || result == SKCodecResult.IncompleteInput)
        {
            error = $"The image could not be decoded ({result}).";
            return null;
        }

        error = null;
        return new InspectedImage(contentType, data, Convert.ToHexStringLower(SHA256.HashData(data)), width, height);
    }
}
