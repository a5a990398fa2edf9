using IceCheckout.Detection.Inference;

namespace IceCheckout.Detection.Batching;

/// <param name="Detections">In model-input pixels.</param>
/// <param name="InferenceMs">Wall time of the model run.</param>
/// <param name="BatchSize">Images in that run.</param>
public sealed record BatchResult(IReadOnlyList<Candidate> Detections, double InferenceMs, int BatchSize);
