namespace IceCheckout.Detection.Inference;

/// <summary>One detection as the model sees it: class index, confidence and box in model-input pixels.</summary>
public readonly record struct Candidate(int ClassId, float Score, BoxF Box);
