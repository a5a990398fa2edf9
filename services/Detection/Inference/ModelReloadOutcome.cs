namespace IceCheckout.Detection.Inference;

/// <summary>What a reload did: swapped a new model in, found the same bytes, or failed and left the model in service.</summary>
public sealed record ModelReloadOutcome(ModelReloadResult Result, OnnxDetector InService, OnnxDetector? Previous, string? Failure)
{
    public static ModelReloadOutcome Swapped(OnnxDetector next, OnnxDetector previous) => new(ModelReloadResult.Swapped, next, previous, null);

    public static ModelReloadOutcome Unchanged(OnnxDetector current) => new(ModelReloadResult.Unchanged, current, null, null);

    public static ModelReloadOutcome Failed(OnnxDetector current, string reason) => new(ModelReloadResult.Failed, current, null, reason);
}

public enum ModelReloadResult
{
    Swapped,
    Unchanged,
    Failed,
}
