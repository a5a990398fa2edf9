using System.Buffers;
using System.Security.Cryptography;
using IceCheckout.Detection.Batching;
using IceCheckout.Detection.Imaging;
using IceCheckout.Detection.Inference;
using IceCheckout.Detection.Infrastructure;
using IceCheckout.Detection.Model;

namespace IceCheckout.Detection;

/// <summary>One image in, its detections out: cache, decode, letterbox, batched inference, boxes back to the image.</summary>
public sealed class ObjectDetector(
    DetectorModel models,
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

        // The whole request runs on the model in service when it starts, even if another one is swapped in meanwhile.
        using var lease = models.Acquire();
        var model = lease.Model;

        var key = DetectionCache.Key(model.Fingerprint, Convert.ToHexStringLower(SHA256.HashData(image.Span)));
        if (await cache.GetAsync(key, cancellationToken) is { } cached)
        {
            activity?.SetTag("detection.cached", true);
            return cached;
        }

        // 1.8 MB per image at 384x384: pooled, and handed back only once the batcher is done with it.
        var input = ArrayPool<float>.Shared.Rent(model.InputLength);
        LetterboxTransform letterbox;
        BatchResult result;
        try
        {
            using (var decoded = await decoder.DecodeAsync(image, model.InputWidth, model.InputHeight, cancellationToken))
            {
                letterbox = LetterboxRenderer.Render(decoded, model.InputWidth, model.InputHeight, input.AsSpan(0, model.InputLength));
            }

            result = await batcher.DetectAsync(model, input.AsMemory(0, model.InputLength), cancellationToken);
            ArrayPool<float>.Shared.Return(input);
        }
        catch (Exception ex) when (ex is ImageRejectedException or DetectionBusyException or OperationCanceledException)
        {
            ArrayPool<float>.Shared.Return(input);
            throw;
        }

        var response = new DetectionResponse(
            letterbox.SourceWidth,
            letterbox.SourceHeight,
            [.. result.Detections.Select(d => ToDetectedObject(model, d, letterbox))],
            model.ModelName,
            Math.Round(result.InferenceMs, 3));
        activity?.SetTag("detection.count", response.Detections.Count);

        await cache.SetAsync(key, response, cancellationToken);
        return response;
    }

    private static DetectedObject ToDetectedObject(OnnxDetector model, Candidate candidate, LetterboxTransform letterbox)
    {
        var box = letterbox.ToSource(candidate.Box);
        return new DetectedObject(
            model.ClassNames[candidate.ClassId],
            MathF.Round(candidate.Score, 4),
            new DetectionBox(MathF.Round(box.Left, 1), MathF.Round(box.Top, 1), MathF.Round(box.Width, 1), MathF.Round(box.Height, 1)));
    }
}
