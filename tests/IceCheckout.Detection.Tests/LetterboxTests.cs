using IceCheckout.Detection.Imaging;
using IceCheckout.Detection.Inference;
using IceCheckout.Detection.Tests.Support;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace IceCheckout.Detection.Tests;

public class LetterboxTests
{
    private static readonly ImageDecoder s_decoder = new(Options.Create(new DetectionOptions()));

    [Fact]
    public void A_landscape_image_is_padded_above_and_below_and_boxes_map_back()
    {
        var letterbox = new LetterboxTransform(640, 480, 320, 320);

        Assert.Equal(0.5f, letterbox.Scale);
        Assert.Equal((320, 240), (letterbox.ResizedWidth, letterbox.ResizedHeight));
        Assert.Equal((0, 40), (letterbox.PadLeft, letterbox.PadTop));
        Assert.Equal(new BoxF(200, 200, 400, 400), letterbox.ToSource(new BoxF(100, 140, 200, 240)));
    }

    [Fact]
    public void Rounding_follows_the_training_pipeline()
    {
        // 288x128 into 96x64: scale 1/3, 128/3 = 42.67 rounds to 43 rows, (64 - 43) / 2 = 10 rows of padding on top.
        var letterbox = new LetterboxTransform(288, 128, 96, 64);

        Assert.Equal((96, 43), (letterbox.ResizedWidth, letterbox.ResizedHeight));
        Assert.Equal((0, 10), (letterbox.PadLeft, letterbox.PadTop));

        var box = letterbox.ToSource(new BoxF(15, 15, 25, 25));
        Assert.Equal(45f, box.Left, 3);
        Assert.Equal(5f * 128 / 43, box.Top, 3);
        Assert.Equal(75f, box.Right, 3);
        Assert.Equal(15f * 128 / 43, box.Bottom, 3);
    }

    [Fact]
    public void Boxes_reaching_into_the_padding_are_clipped_to_the_image()
    {
        var letterbox = new LetterboxTransform(640, 480, 320, 320);

        Assert.Equal(new BoxF(0, 0, 640, 480), letterbox.ToSource(new BoxF(-5, 10, 330, 300)));
    }

    [Fact]
    public void Renders_the_image_centred_on_grey_as_rgb_planes()
    {
        var png = TestImages.Halves(200, 100, SKColors.Red, SKColors.Blue, SKEncodedImageFormat.Png);
        using var image = s_decoder.Decode(png, TestModels.InputWidth, TestModels.InputHeight);
        var input = new float[TestModels.InputLength];

        var letterbox = LetterboxRenderer.Render(image, TestModels.InputWidth, TestModels.InputHeight, input);

        // 200x100 into 96x64: 96x48, 8 rows of grey above and below.
        Assert.Equal((0, 8), (letterbox.PadLeft, letterbox.PadTop));
        Assert.Equal((1f, 0f, 0f), Rgb(input, 10, 32));
        Assert.Equal((0f, 0f, 1f), Rgb(input, 90, 32));
        Assert.Equal((114 / 255f, 114 / 255f, 114 / 255f), Rgb(input, 48, 2));
        Assert.Equal((114 / 255f, 114 / 255f, 114 / 255f), Rgb(input, 48, 61));
    }

    [Fact]
    public void Exif_orientation_is_applied_before_letterboxing()
    {
        // Stored 200x100, red left half; orientation 6 = rotate 90 degrees clockwise to display: 100x200, red on top.
        var jpeg = TestImages.WithExifOrientation(
            TestImages.Halves(200, 100, SKColors.Red, SKColors.Blue, SKEncodedImageFormat.Jpeg), orientation: 6);
        using var image = s_decoder.Decode(jpeg, TestModels.InputWidth, TestModels.InputHeight);
        var input = new float[TestModels.InputLength];

        var letterbox = LetterboxRenderer.Render(image, TestModels.InputWidth, TestModels.InputHeight, input);

        Assert.Equal((100, 200), (image.Width, image.Height));
        // 100x200 into 96x64: 32x64, 32 columns of grey left and right.
        Assert.Equal((32, 0), (letterbox.PadLeft, letterbox.PadTop));
        AssertMostly(Rgb(input, 48, 8), red: true);
        AssertMostly(Rgb(input, 48, 56), red: false);
        Assert.Equal(114 / 255f, Rgb(input, 8, 32).R, 2);
    }

    [Fact]
    public void A_large_jpeg_is_decoded_at_a_reduced_scale_but_measured_in_original_pixels()
    {
        var jpeg = TestImages.Solid(4000, 3000, SKColors.Black, SKEncodedImageFormat.Jpeg);

        using var image = s_decoder.Decode(jpeg, 320, 320);

        Assert.Equal((4000, 3000), (image.Width, image.Height));
        Assert.True(image.Pixels.Width < 4000 && image.Pixels.Height >= 320, $"decoded at {image.Pixels.Width}x{image.Pixels.Height}");
    }

    private static (float R, float G, float B) Rgb(float[] input, int x, int y)
    {
        const int plane = TestModels.InputWidth * TestModels.InputHeight;
        var i = y * TestModels.InputWidth + x;
        return (input[i], input[plane + i], input[2 * plane + i]);
    }

    private static void AssertMostly((float R, float G, float B) pixel, bool red)
    {
        var (dominant, other) = red ? (pixel.R, pixel.B) : (pixel.B, pixel.R);
        Assert.True(dominant > 0.8f && other < 0.2f, $"pixel {pixel} is not {(red ? "red" : "blue")}");
    }
}
