using System.Text.Json;
using IceCheckout.Cart.Infrastructure.Catalog;
using IceCheckout.Cart.Infrastructure.Detection;
using IceCheckout.Cart.Model;
using Microsoft.Extensions.Options;

namespace IceCheckout.Cart.Corrections;

/// <summary>
/// Keeps each scan's frames and detections as served, and when the shopper corrects the scan, the judged correction
/// beside them. Training data is never worth a shopper's request: a store that fails is logged and the cart goes on.
/// </summary>
public sealed class CorrectionRecorder(
    IFrameStore store,
    CatalogClient catalog,
    IOptions<CorrectionOptions> options,
    TimeProvider time,
    ILogger<CorrectionRecorder> logger)
{
    public const string CaptureFile = "scan.json";
    public const string CorrectionFile = "correction.json";

    public async Task CaptureAsync(
        Guid cartId, Guid scanId, IReadOnlyList<ScanFrame> frames, IReadOnlyList<DetectionResponse> responses,
        IReadOnlyList<ScanDetection> served, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        try
        {
            var captured = new List<CapturedFrame>();
            for (var index = 0; index < frames.Count; index++)
            {
                var file = $"frame-{index}.{Extension(frames[index].ContentType)}";
                await store.WriteAsync($"{scanId:N}/{file}", frames[index].Image, cancellationToken);
                captured.Add(new CapturedFrame(index, file, frames[index].ContentType, responses[index].ImageWidth, responses[index].ImageHeight));
            }

            var capture = new ScanCapture(scanId, cartId, time.GetUtcNow(), captured, served);
            await store.WriteAsync($"{scanId:N}/{CaptureFile}", JsonSerializer.SerializeToUtf8Bytes(capture, JsonSerializerOptions.Web), cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(exception, "The frames of scan {ScanId} were not kept", scanId);
        }
    }

    /// <summary>Judges the cart's last scan against the cart as it is now and writes the record; nothing when that scan was not kept.</summary>
    public async Task RecordAsync(CartState cart, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled || cart.LastScanId is not { } scanId)
        {
            return;
        }

        try
        {
            if (await store.ReadAsync($"{scanId:N}/{CaptureFile}", cancellationToken) is not { } json
                || JsonSerializer.Deserialize<ScanCapture>(json, JsonSerializerOptions.Web) is not { } capture)
            {
                return;
            }

            var productIds = cart.Lines.Select(l => l.ProductId)
                .Concat(cart.Corrections.Where(c => c.ScanId == scanId).SelectMany(c => new[] { c.ProductId, c.ReplacementProductId ?? c.ProductId }))
                .Distinct();
            var labels = new Dictionary<int, string?>();
            foreach (var productId in productIds)
            {
                labels[productId] = (await catalog.GetProductAsync(productId, cancellationToken))?.DetectionLabel;
            }

            var record = CorrectionJudge.Judge(capture, cart, labels, time.GetUtcNow());
            await store.WriteAsync($"{scanId:N}/{CorrectionFile}", JsonSerializer.SerializeToUtf8Bytes(record, JsonSerializerOptions.Web), cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException or CatalogUnavailableException)
        {
            logger.LogWarning(exception, "The correction of scan {ScanId} was not recorded", scanId);
        }
    }

    private static string Extension(string contentType) => contentType switch
    {
        "image/png" => "png",
        "image/webp" => "webp",
        _ => "jpg",
    };
}
