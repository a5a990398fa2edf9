namespace IceCheckout.Gateway.Model;

/// <summary>
/// A path of one service that the gateway guards more closely than the rest of the service's prefix: limited per client
/// (<see cref="RateLimitPolicy"/>) or with a cap on the request body (<see cref="BodyLimit"/>, a key of
/// <see cref="RequestLimitOptions"/>).
/// </summary>
public sealed record EdgeRoute(string RouteId, string Service, string Path, string Method, string? RateLimitPolicy, string? BodyLimit)
{
    public static IReadOnlyList<EdgeRoute> All { get; } =
    [
        new("cart-scan", "cart", "/api/carts/{id}/scan", "POST", EdgeRateLimits.Scan, nameof(RequestLimitOptions.ScanBytes)),
        new("detection-detect", "detection", "/api/detection/detect", "POST", EdgeRateLimits.Detect, nameof(RequestLimitOptions.DetectBytes)),
        new("catalog-product-image", "catalog", "/api/catalog/admin/products/{id}/image", "PUT", null, nameof(RequestLimitOptions.ProductImageBytes)),
    ];
}
