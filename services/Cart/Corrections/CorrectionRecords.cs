using IceCheckout.Cart.Model;

namespace IceCheckout.Cart.Corrections;

/// <summary>A scan as served, kept with its frames (<c>{scanId}/scan.json</c>) until it is corrected or expires.</summary>
public sealed record ScanCapture(Guid ScanId, Guid CartId, DateTimeOffset ScannedAt, IReadOnlyList<CapturedFrame> Frames, IReadOnlyList<ScanDetection> Detections);

/// <param name="File">the frame's name in the scan's folder</param>
public sealed record CapturedFrame(int Index, string File, string ContentType, int Width, int Height);

/// <summary>
/// What the shopper's corrections say about a scan (<c>{scanId}/correction.json</c>, rewritten at each correction):
/// the detections as served, the products the cart ended with, each box's verdict and the products no box showed.
/// </summary>
public sealed record CorrectionRecord(
    Guid ScanId,
    Guid CartId,
    DateTimeOffset ScannedAt,
    DateTimeOffset CorrectedAt,
    IReadOnlyList<CapturedFrame> Frames,
    IReadOnlyList<ScanDetection> Detections,
    IReadOnlyList<LineCorrection> Corrections,
    IReadOnlyList<FinalProduct> FinalProducts,
    IReadOnlyList<BoxVerdict> Boxes,
    IReadOnlyList<ProductWithoutBox> ProductsWithoutBox);

public sealed record FinalProduct(int ProductId, string? Label, int Quantity);

/// <param name="Verdict">one of <see cref="BoxVerdicts"/></param>
public sealed record BoxVerdict(int Frame, DetectionBox Box, string ServedLabel, int ServedProductId, string Verdict, string? FinalLabel, int? FinalProductId);

/// <summary>In this frame, <paramref name="Missing"/> units of the product had no box.</summary>
public sealed record ProductWithoutBox(int Frame, int ProductId, string? Label, int Missing);

public static class BoxVerdicts
{
    /// <summary>The cart kept the product as detected.</summary>
    public const string Confirmed = "confirmed";

    /// <summary>The shopper swapped it: the box shows the product it was swapped for.</summary>
    public const string Relabelled = "relabelled";

    /// <summary>The product left the cart: nothing the store sells is in the box.</summary>
    public const string Removed = "removed";

    /// <summary>Fewer units kept than boxes of the product in the frame: which box is wrong is not known.</summary>
    public const string Ambiguous = "ambiguous";
}
