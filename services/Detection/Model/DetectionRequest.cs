namespace IceCheckout.Detection.Model;

/// <summary>The RPC request on <c>detection.requests</c>: one camera image (JPEG, PNG or WebP; base64 in JSON).</summary>
/// <param name="Image">The encoded image bytes.</param>
/// <param name="ContentType">What the sender believes the image is; the service sniffs the bytes regardless.</param>
/// <param name="RequestId">The caller's id of the request, echoed in logs.</param>
public sealed record DetectionRequest(byte[] Image, string? ContentType = null, string? RequestId = null);
