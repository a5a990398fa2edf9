namespace IceCheckout.Gateway.Model;

/// <summary>The largest request bodies the gateway forwards on the image routes (<c>Gateway:RequestLimits</c>).</summary>
public sealed class RequestLimitOptions
{
    public const string Section = "Gateway:RequestLimits";

    /// <summary>A scan: up to five camera frames in one form.</summary>
    public long ScanBytes { get; set; } = 26 * 1024 * 1024;

    /// <summary>One image for Detection, whose own limit is 10 MiB.</summary>
    public long DetectBytes { get; set; } = (10 * 1024 * 1024) + (64 * 1024);

    /// <summary>A product image for Catalog, whose own limit is 5 MB.</summary>
    public long ProductImageBytes { get; set; } = (5 * 1024 * 1024) + (64 * 1024);

    public long Get(string name) => name switch
    {
        nameof(ScanBytes) => ScanBytes,
        nameof(DetectBytes) => DetectBytes,
        nameof(ProductImageBytes) => ProductImageBytes,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a request limit."),
    };
}
