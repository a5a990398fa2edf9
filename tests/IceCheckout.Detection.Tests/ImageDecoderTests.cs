using IceCheckout.Detection.Imaging;
using IceCheckout.Detection.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace IceCheckout.Detection.Tests;

public class ImageDecoderTests
{
    private static readonly ImageDecoder s_decoder = new(Options.Create(new DetectionOptions
    {
        MaxImageBytes = 1024 * 1024,
        MaxImagePixels = 4_000_000,
    }));

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void Decodes_jpeg_png_and_webp(SKEncodedImageFormat format)
    {
        using var image = s_decoder.Decode(TestImages.Solid(120, 80, SKColors.Green, format), 96, 64);

        Assert.Equal((120, 80), (image.Width, image.Height));
        Assert.Equal(SKEncodedOrigin.TopLeft, image.Origin);
    }

    [Fact]
    public void Refuses_nothing()
    {
        AssertRejected([], StatusCodes.Status400BadRequest);
    }

    [Fact]
    public void Refuses_bytes_that_are_not_an_image()
    {
        AssertRejected("%PDF-1.7 this is a document, not a picture"u8.ToArray(), StatusCodes.Status400BadRequest);
    }

    [Fact]
    public void Refuses_a_truncated_jpeg()
    {
        var jpeg = TestImages.Noise(256, 256, SKEncodedImageFormat.Jpeg);

        var rejected = AssertRejected(jpeg[..(jpeg.Length / 2)], StatusCodes.Status400BadRequest);

        Assert.Contains("truncated", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_jpeg_with_a_corrupt_huffman_table()
    {
        var jpeg = TestImages.Noise(64, 64, SKEncodedImageFormat.Jpeg);
        var table = jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xC4]);
        Assert.True(table > 0);
        // The 16 code-length counts after the marker, length and table id: summing past 256 is a fatal decoder error.
        jpeg.AsSpan(table + 5, 16).Fill(0xFF);

        AssertRejected(jpeg, StatusCodes.Status400BadRequest);
    }

    [Fact]
    public void Refuses_a_decompression_bomb_from_its_header()
    {
        var bomb = TestImages.PngHeader(30_000, 30_000);

        var rejected = AssertRejected(bomb, StatusCodes.Status413PayloadTooLarge);

        Assert.True(bomb.Length < 200);
        Assert.Contains("30000x30000", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_more_bytes_than_the_limit()
    {
        AssertRejected(new byte[1024 * 1024 + 1], StatusCodes.Status413PayloadTooLarge);
    }

    [Fact]
    public void Refuses_an_image_format_it_does_not_take()
    {
        AssertRejected(TestImages.Gif, StatusCodes.Status415UnsupportedMediaType);
    }

    private static ImageRejectedException AssertRejected(byte[] bytes, int statusCode)
    {
        var rejected = Assert.Throws<ImageRejectedException>(() => s_decoder.Decode(bytes, 96, 64).Dispose());
        Assert.Equal(statusCode, rejected.StatusCode);
        return rejected;
    }
}
