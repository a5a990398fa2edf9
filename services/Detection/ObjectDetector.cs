using System.Security.Cryptography;
using IceCheckout.Detection.Batching;
using IceCheckout.Detection.Imaging;
using IceCheckout.Detection.Inference;
using IceCheckout.Detection.Infrastructure;
using IceCheckout.Detection.Model;

namespace IceCheckout.Detection;

/// <summary>One image in, its detections out: cache, decode, letterbox, batched inference, boxes back to the image.</summary>
public sealed class ObjectDetector(
    OnnxDetector model,
    ImageDecoder decoder,
    InferenceBatcher batcher,
    DetectionCache cache,
    DetectionTelemetry telemetry)
{
    public async Task<DetectionResponse> DetectAsync(ReadOnlyMemory<byte> image, CancellationToken cancellationToken)
    {
        using var activity = telemetry.ActivitySource.StartActivity("detection.detect");
        if (image.IsEmpty)
        {
            throw ImageRejectedException.Empty();
        }

        var key = DetectionCache.Key(model.Fingerprint, Convert.ToHexStringLower(SHA256.HashData(image.Span)));
        if (await cache.GetAsync(key, cancellationToken) is { } cached)
        {
            activity?.SetTag("detection.cached", true);
            return cached;
        }

        var input = new float[model.InputLength];
        LetterboxTransform letterbox;
        using (var decoded = decoder.Decode(image.Span, model.InputWidth, model.InputHeight))
        {
            letterbox = LetterboxRenderer.Render(decoded, model.InputWidth, model.InputHeight, input);
        }

        var result = await batcher.DetectAsync(input, cancellationToken);
        var response = new DetectionResponse(
            letterbox.SourceWidth,
            letterbox.SourceHeight,
            [.. result.Detections.Select(d => ToDetectedObject(d, letterbox))],
            model.ModelName,
            Math.Round(result.InferenceMs, 3));
        activity?.SetTag("detection.count", response.Detections.Count);

        await cache.SetAsync(key, response, cancellationToken);
        return response;
    }

    private DetectedObject ToDetectedObject(Candidate candidate, LetterboxTransform letterbox)
    {
        var box = letterbox.ToSource(candidate.Box);
        return new DetectedObject(
            model.ClassNames[candidate.ClassId],
            MathF.Round(candidate.Score, 4),
            new DetectionBox(MathF.Round(box.Left, 1), MathF.Round(box.Top, 1), MathF.Round(box.Width, 1), MathF.Round(box.Height, 1)));
    }
}
