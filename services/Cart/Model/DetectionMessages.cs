namespace IceCheckout.Cart.Model;

// Cart's copy of the detection.requests contract (services/Detection/README.md).
public sealed record DetectionRequest(byte[] Image, string? ContentType = null, string? RequestId = null);

public sealed record DetectionResponse(int ImageWidth, int ImageHeight, IReadOnlyList<DetectedObject> Detections, string Model, double InferenceMs);

public sealed record DetectedObject(string Label, float Score, DetectionBox Box);

public sealed record DetectionBox(float X, float Y, float Width, float Height);
