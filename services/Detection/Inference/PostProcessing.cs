namespace IceCheckout.Detection.Inference;

/// <summary>How the model's raw output becomes detections.</summary>
/// <param name="MultiLabel">Every class above the threshold for a box instead of its best one (how mAP is measured).</param>
/// <param name="CrossClassIouThreshold">
/// Boxes of different classes overlapping more than this are one product seen twice, and the higher score stays; 1 turns it off.
/// </param>
public sealed record PostProcessing(
    float ConfidenceThreshold,
    float IouThreshold,
    int MaxDetections,
    bool MultiLabel = false,
    float CrossClassIouThreshold = 1f);
