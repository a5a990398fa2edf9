namespace IceCheckout.Detection.Model;

/// <summary>An axis-aligned box in original image pixels: top-left corner and size.</summary>
public sealed record DetectionBox(float X, float Y, float Width, float Height);
