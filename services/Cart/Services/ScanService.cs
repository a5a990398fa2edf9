using IceCheckout.Cart.Activity;
using IceCheckout.Cart.Corrections;
using IceCheckout.Cart.Infrastructure.Catalog;
using IceCheckout.Cart.Infrastructure.Detection;
using IceCheckout.Cart.Infrastructure.Redis;
using IceCheckout.Cart.IntegrationEvents;
using IceCheckout.Cart.Model;
using IceCheckout.Messaging;
using Microsoft.Extensions.Options;

namespace IceCheckout.Cart.Services;

/// <summary>
/// A scan: Detection looks at every frame, the frames vote per product, Catalog names the products, and the tray is the
/// truth: the cart's scanned lines become what the vote says, its manual lines stay.
/// </summary>
public sealed class ScanService(
    CartStore carts,
    DetectionClient detection,
    CatalogClient catalog,
    CartPricing pricing,
    ActivityPublisher activity,
    CorrectionRecorder corrections,
    IOptions<ScanOptions> options,
    ILogger<ScanService> logger)
{
    public async Task<CartOutcome<ScanResponse>> ScanAsync(Guid cartId, IReadOnlyList<ScanFrame> frames, CancellationToken cancellationToken)
    {
        if (await carts.ReadAsync(cartId) is not { } stored)
        {
            return CartOutcome.NotFound<ScanResponse>($"No cart {cartId} (it may have expired).");
        }

        if (stored.Cart.Closed)
        {
            return CartOutcome.Closed<ScanResponse>(cartId);
        }

        var scanId = Guid.CreateVersion7();
        IReadOnlyList<DetectionResponse> responses;
        try
        {
            responses = await detection.DetectAsync(frames, scanId, cancellationToken);
        }
        catch (Exception ex) when (ex is RpcTimeoutException or MessagingUnavailableException)
        {
            logger.LogWarning(ex, "Detection did not answer scan {ScanId} of cart {CartId}", scanId, cartId);
            return CartOutcome.Unavailable<ScanResponse>("Product recognition is not answering; the cart is unchanged. Try the scan again.");
        }
        catch (RpcRemoteException ex)
        {
            return CartOutcome.Invalid<ScanResponse>("frames", $"A frame could not be read: {ex.Reason}");
        }

        var sureScore = options.Value.SureScore;
        var labels = responses.SelectMany(r => r.Detections.Select(d => d.Label)).Distinct(StringComparer.Ordinal).ToArray();
        IReadOnlyDictionary<string, CatalogProduct> products;
        try
        {
            products = labels.Length == 0 ? new Dictionary<string, CatalogProduct>() : await catalog.GetProductsByLabelsAsync(labels, cancellationToken);
        }
        catch (CatalogUnavailableException ex)
        {
            logger.LogWarning(ex, "Catalog did not name the products of scan {ScanId}", scanId);
            return CartOutcome.Unavailable<ScanResponse>("The catalogue is not answering; the cart is unchanged. Try the scan again.");
        }

        // An unknown label (a product the model knows but the store does not sell) never becomes a line or a box.
        var known = responses.Select(r => (IReadOnlyList<DetectedObject>)[.. r.Detections.Where(d => products.ContainsKey(d.Label))]).ToList();
        var voted = ScanVote.Decide(known, sureScore).ToDictionary(v => products[v.Label].Id);

        // Priced before it is written, so that a Catalog failing now leaves the cart as it was; the write starts from the
        // cart as read above and reads again only if it changed meanwhile.
        CartResponse? priced = null;
        var changed = await carts.UpdateAsync(cartId, cart =>
        {
            if (cart.Closed)
            {
                return (null, false);
            }

            var manual = cart.Lines.Where(l => l.Source == LineSources.Manual).ToList();
            // A product the shopper added by hand keeps that line: the scan does not count it a second time.
            var scanned = voted.Where(v => manual.All(m => m.ProductId != v.Key))
                .Select(v => new CartLineState(v.Key, v.Value.Quantity, LineSources.Scan, v.Value.NeedsCheck));
            return (cart with { Lines = [.. manual, .. scanned], LastScanId = scanId }, true);
        },
        beforeWrite: async cart => priced = await pricing.PriceAsync(cart, cancellationToken),
        readFirst: stored);
        if (changed is null)
        {
            return CartOutcome.NotFound<ScanResponse>($"No cart {cartId} (it may have expired).");
        }

        if (!changed.Outcome)
        {
            return CartOutcome.Closed<ScanResponse>(cartId);
        }

        var scannedLines = changed.Cart.Lines.Where(l => l.Source == LineSources.Scan).Select(l => new ScannedProduct(l.ProductId, l.Quantity)).ToList();
        await activity.PublishAsync(new CartScannedIntegrationEvent(cartId, scanId, scannedLines, changed.Cart.ChecklistCode), cancellationToken);

        var boxes = known.SelectMany((detections, frame) => detections.Select(d =>
        {
            var productId = products[d.Label].Id;
            var lineNeedsCheck = changed.Cart.LineOf(productId)?.NeedsCheck ?? false;
            return new ScanDetection(frame, d.Label, productId, d.Score, d.Box, lineNeedsCheck || d.Score < sureScore);
        })).ToList();

        await corrections.CaptureAsync(cartId, scanId, frames, responses, boxes, cancellationToken);
        return CartOutcome.Ok<ScanResponse>(new ScanResponse(priced!, boxes));
    }
}
