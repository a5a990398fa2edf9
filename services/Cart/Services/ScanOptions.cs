namespace IceCheckout.Cart.Services;

public sealed class ScanOptions
{
    public const string SectionName = "Cart:Scan";

    /// <summary>A detection scored below this marks its line "needs check".</summary>
    public double SureScore { get; set; } = 0.75;

    public int MaxFrames { get; set; } = 5;

    public long MaxFrameBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The most a scan waits for Detection before answering 503.</summary>
    public TimeSpan DetectionTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public string DetectionQueue { get; set; } = "detection.requests";
}
