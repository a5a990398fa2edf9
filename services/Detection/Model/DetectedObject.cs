namespace IceCheckout.Detection.Model;

/// <param name="Label">The class name from the model's metadata, e.g. <c>melona</c>; equal to the product's label in the catalogue.</param>
/// <param name="Score">Confidence, 0..1.</param>
public sealed record DetectedObject(string Label, float Score, DetectionBox Box);
