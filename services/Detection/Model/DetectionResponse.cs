namespace IceCheckout.Detection.Model;

/// <summary>What the detector found in one image, in the pixels of the image as it is displayed (EXIF orientation applied).</summary>
/// <param name="InferenceMs">Wall time of the model run that handled the image (shared by the whole batch it ran in).</param>
public sealed record DetectionResponse(
    int ImageWidth,
    int ImageHeight,
    IReadOnlyList<DetectedObject> Detections,
    string Model,
    double InferenceMs);
