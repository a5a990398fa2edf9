namespace IceCheckout.Detection.Model;

/// <param name="Version">The model's <c>version</c> metadata, or the first 12 hex digits of its SHA-256 when it has none.</param>
/// <param name="Sha256">SHA-256 of the model file in service (lower-case hex).</param>
/// <param name="SureScore">Detections below it are ones to ask the customer about.</param>
public sealed record ModelInfoResponse(
    string Model,
    string Version,
    string Sha256,
    string? Description,
    IReadOnlyList<string> Classes,
    int InputWidth,
    int InputHeight,
    string OutputLayout,
    string ExecutionProvider,
    int MaxBatchSize,
    float ConfidenceThreshold,
    float IouThreshold,
    float SureScore);
