using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IceCheckout.Detection.Imaging;
using IceCheckout.Detection.Model;
using Microsoft.Extensions.DependencyInjection;
using IceCheckout.Detection.Tests.Support;
using SkiaSharp;

namespace IceCheckout.Detection.Tests;

public sealed class DetectApiTests : IAsyncLifetime
{
    private readonly DetectionServiceFactory _factory = new(TestModels.PathOf(TestModels.YoloV8));
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Info_reports_the_model_its_classes_input_size_and_provider()
    {
        var info = await _client.GetFromJsonAsync<ModelInfoResponse>("/api/detection/info");

        Assert.NotNull(info);
        Assert.Equal("yolov8-tiny", info.Model);
        Assert.Equal(["red_bar", "green_cone", "blue's cup"], info.Classes);
        Assert.Equal((96, 64), (info.InputWidth, info.InputHeight));
        Assert.Equal("YoloV8", info.OutputLayout);
        Assert.Equal("CPU", info.ExecutionProvider);
        Assert.Equal(1, info.MaxBatchSize);
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, "image/png")]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg")]
    [InlineData(SKEncodedImageFormat.Webp, "image/webp")]
    public async Task Detects_in_a_raw_image_body_with_boxes_in_original_pixels(SKEncodedImageFormat format, string contentType)
    {
        var response = await PostRawAsync(TestImages.Solid(288, 128, SKColors.Black, format), contentType);

        await AssertTinyModelDetectionsAsync(response, scale: 1);
    }

    [Theory]
    [InlineData(false, new[] { "red_bar" })]
    [InlineData(true, new[] { "green_cone", "green_cone", "red_bar", "red_bar" })]
    public async Task Cross_class_suppression_keeps_one_product_per_spot_unless_multi_label(bool multiLabel, string[] labels)
    {
        // The tiny model scores green_cone 0.7 on a box overlapping red_bar's 0.9 box at IoU 0.68 (and red_bar 0.1, green_cone
        // 0.1 on their own boxes, which only multi-label reports at a threshold of 0.08).
        await using var factory = new DetectionServiceFactory(TestModels.PathOf(TestModels.YoloV8), new Dictionary<string, string?>
        {
            ["Detection:CrossClassIouThreshold"] = "0.6",
            ["Detection:ConfidenceThreshold"] = "0.08",
            ["Detection:IouThreshold"] = "0.9",
            ["Detection:MultiLabel"] = multiLabel ? "true" : "false",
        });
        using var client = factory.CreateClient();
        using var content = new ByteArrayContent(TestImages.Solid(288, 128, SKColors.Black, SKEncodedImageFormat.Png));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");

        using var response = await client.PostAsync("/api/detection/detect", content);

        var result = await response.Content.ReadFromJsonAsync<DetectionResponse>();
        Assert.Equal(labels, result!.Detections.Where(d => d.Label != "blue's cup").Select(d => d.Label).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Detects_in_the_image_field_of_a_form()
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("kiosk-3"), "kiosk" },
            { new ByteArrayContent(TestImages.Solid(2880, 1280, SKColors.Black, SKEncodedImageFormat.Jpeg)), "image", "tray.jpg" },
        };

        var response = await _client.PostAsync("/api/detection/detect", form);

        // Ten times the size, decoded at a reduced scale: the boxes are still in the uploaded image's pixels.
        await AssertTinyModelDetectionsAsync(response, scale: 10);
    }

    [Fact]
    public async Task Boxes_follow_the_exif_orientation()
    {
        // Stored 128x288, displayed 288x128 after a quarter turn counter-clockwise (orientation 8).
        var jpeg = TestImages.WithExifOrientation(TestImages.Solid(128, 288, SKColors.Black, SKEncodedImageFormat.Jpeg), orientation: 8);

        var response = await PostRawAsync(jpeg, "image/jpeg");

        await AssertTinyModelDetectionsAsync(response, scale: 1);
    }

    [Fact]
    public async Task An_empty_body_is_a_bad_request()
    {
        await AssertProblemAsync(await PostRawAsync([], "image/png"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Text_is_an_unsupported_media_type()
    {
        using var content = new StringContent("a picture of a melona", System.Text.Encoding.UTF8, "text/plain");

        await AssertProblemAsync(await _client.PostAsync("/api/detection/detect", content), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_body_without_content_type_is_an_unsupported_media_type()
    {
        using var content = new ByteArrayContent(TestImages.Solid(10, 10, SKColors.Black));

        await AssertProblemAsync(await _client.PostAsync("/api/detection/detect", content), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Bytes_that_are_not_an_image_are_a_bad_request()
    {
        await AssertProblemAsync(await PostRawAsync("not an image at all"u8.ToArray(), "image/jpeg"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_truncated_jpeg_is_a_bad_request()
    {
        var jpeg = TestImages.Noise(256, 256, SKEncodedImageFormat.Jpeg);

        var problem = await AssertProblemAsync(await PostRawAsync(jpeg[..(jpeg.Length / 2)], "image/jpeg"), HttpStatusCode.BadRequest);

        Assert.Contains("truncated", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_30000_by_30000_png_is_refused_before_decoding()
    {
        await AssertProblemAsync(await PostRawAsync(TestImages.PngHeader(30_000, 30_000), "image/png"), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_50_megabyte_upload_is_too_large()
    {
        await AssertProblemAsync(await PostRawAsync(new byte[50 * 1024 * 1024], "image/jpeg"), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_50_megabyte_form_is_too_large()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[50 * 1024 * 1024]), "image", "huge.jpg" } };

        await AssertProblemAsync(await _client.PostAsync("/api/detection/detect", form), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_form_without_an_image_field_is_a_bad_request()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(TestImages.Solid(10, 10, SKColors.Black)), "photo", "tray.png" } };

        await AssertProblemAsync(await _client.PostAsync("/api/detection/detect", form), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_form_whose_boundary_is_longer_than_multipart_allows_is_a_bad_request()
    {
        var boundary = new string('b', 5000);
        var body = $"--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n\r\nxx\r\n--{boundary}--\r\n";

        await AssertProblemAsync(await PostFormAsync(body, boundary), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("--cut\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n\r\nhalf an ima")]
    [InlineData("--cut\r\nContent-Disposition: form-data; name=\"ima")]
    [InlineData("--cu")]
    public async Task A_form_that_ends_before_its_closing_boundary_is_a_bad_request(string body)
    {
        await AssertProblemAsync(await PostFormAsync(body, "cut"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task When_decoding_is_full_a_request_is_shed_with_503_and_retry_after_and_served_once_there_is_room()
    {
        await using var factory = new DetectionServiceFactory(TestModels.PathOf(TestModels.YoloV8), new Dictionary<string, string?>
        {
            ["Detection:MaxConcurrentDecodes"] = "1",
            ["Detection:MaxWaitingDecodes"] = "0",
        });
        using var client = factory.CreateClient();
        var decoder = factory.Services.GetRequiredService<ImageDecoder>();
        var image = TestImages.Solid(288, 128, SKColors.Black);

        var held = await decoder.DecodeAsync(image, 96, 96, CancellationToken.None);
        using (var content = new ByteArrayContent(image))
        {
            content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            var shed = await client.PostAsync("/api/detection/detect", content);
            await AssertProblemAsync(shed, HttpStatusCode.ServiceUnavailable);
            Assert.Equal(TimeSpan.FromSeconds(1), shed.Headers.RetryAfter?.Delta);
        }

        held.Dispose();
        using var again = new ByteArrayContent(image);
        again.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/detection/detect", again)).StatusCode);
    }

    [Fact]
    public async Task A_50_megabyte_upload_without_content_length_is_too_large_while_reading()
    {
        using var content = new StreamContent(new UnsizedStream(50 * 1024 * 1024));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");

        var response = await _client.PostAsync("/api/detection/detect", content);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, "image/png")]
    [InlineData(SKEncodedImageFormat.Webp, "image/webp")]
    public async Task A_corrupt_png_or_webp_is_a_bad_request(SKEncodedImageFormat format, string contentType)
    {
        var image = TestImages.Noise(256, 256, format);
        var corrupt = image.ToArray();
        if (format == SKEncodedImageFormat.Png)
        {
            // Keep the header, so the format is known and its size admitted, and ruin the compressed data after it (its CRCs no longer match).
            for (var i = 64; i < corrupt.Length; i += 7)
            {
                corrupt[i] ^= 0x5A;
            }
        }
        else
        {
            // A lossy WebP's VP8 data carries no checksum, so flipped bits decode to other pixels; a broken frame start code does not decode at all.
            var startCode = corrupt.AsSpan().IndexOf([(byte)0x9d, (byte)0x01, (byte)0x2a]);
            Assert.True(startCode > 0, "The test WebP has no VP8 frame.");
            corrupt[startCode] = 0;
        }

        await AssertProblemAsync(await PostRawAsync(corrupt, contentType), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await PostRawAsync(image[..(image.Length / 2)], contentType), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_bmp_is_an_unsupported_media_type()
    {
        await AssertProblemAsync(await PostRawAsync(TestImages.Bmp(32, 32), "image/png"), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_gif_is_an_unsupported_media_type()
    {
        await AssertProblemAsync(await PostRawAsync(TestImages.Gif, "image/png"), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task The_service_keeps_serving_after_bad_input()
    {
        var jpeg = TestImages.Noise(256, 256, SKEncodedImageFormat.Jpeg);
        var bad = await Task.WhenAll(
            PostRawAsync(jpeg[..(jpeg.Length / 3)], "image/jpeg"),
            PostRawAsync(TestImages.PngHeader(30_000, 30_000), "image/png"),
            PostRawAsync([1, 2, 3], "image/webp"));

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.BadRequest], bad.Select(r => r.StatusCode));
        await AssertTinyModelDetectionsAsync(await PostRawAsync(TestImages.Solid(288, 128, SKColors.Black), "image/png"), scale: 1);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health")).StatusCode);
    }

    private async Task<HttpResponseMessage> PostFormAsync(string body, string boundary)
    {
        using var content = new ByteArrayContent(System.Text.Encoding.ASCII.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
        return await _client.PostAsync("/api/detection/detect", content);
    }

    private async Task<HttpResponseMessage> PostRawAsync(byte[] body, string contentType)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await _client.PostAsync("/api/detection/detect", content);
    }

    /// <summary>
    /// A black 288x128 image (times <paramref name="scale"/>) letterboxes to 96x43 at 1/3 with 10 grey rows on top, so the
    /// tiny model's boxes (15,15)-(25,25) and (16,16)-(26,26) map back to x * 3 and (y - 10) * 128 / 43.
    /// </summary>
    private static async Task AssertTinyModelDetectionsAsync(HttpResponseMessage response, int scale)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<DetectionResponse>();
        Assert.NotNull(result);
        Assert.Equal((288 * scale, 128 * scale), (result.ImageWidth, result.ImageHeight));
        Assert.Equal("yolov8-tiny", result.Model);
        Assert.Collection(
            result.Detections,
            d => AssertObject(d, "red_bar", 0.9f, 45, 5f * 128 / 43, 30, 10f * 128 / 43, scale),
            d => AssertObject(d, "green_cone", 0.7f, 48, 6f * 128 / 43, 30, 10f * 128 / 43, scale));
    }

    private static void AssertObject(DetectedObject detected, string label, float score, float x, float y, float width, float height, int scale)
    {
        Assert.Equal(label, detected.Label);
        Assert.Equal(score, detected.Score, 3);
        var tolerance = 0.06f * scale + 0.06f;
        Assert.InRange(detected.Box.X, x * scale - tolerance, x * scale + tolerance);
        Assert.InRange(detected.Box.Y, y * scale - tolerance, y * scale + tolerance);
        Assert.InRange(detected.Box.Width, width * scale - tolerance, width * scale + tolerance);
        Assert.InRange(detected.Box.Height, height * scale - tolerance, height * scale + tolerance);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }

    /// <summary>A stream of zeros that does not say how long it is, so the request goes without Content-Length.</summary>
    private sealed class UnsizedStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = (int)Math.Min(count, length - _position);
            Array.Clear(buffer, offset, read);
            _position += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
