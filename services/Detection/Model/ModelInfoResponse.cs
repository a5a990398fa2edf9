namespace IceCheckout.Detection.Model;

public sealed record ModelInfoResponse(
    string Model,
    string? Description,
    IReadOnlyList<string> Classes,
    int InputWidth,
    int InputHeight,
    string OutputLayout,
    string ExecutionProvider,
    int MaxBatchSize,
    float ConfidenceThreshold,
    float IouThreshold);
