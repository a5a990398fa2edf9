namespace IceCheckout.Detection.Inference;

/// <summary>A box as corners, in whatever pixel space the caller works in.</summary>
public readonly record struct BoxF(float Left, float Top, float Right, float Bottom)
{
    public float Width => Right - Left;

    public float Height => Bottom - Top;

    public float Area => Math.Max(0, Width) * Math.Max(0, Height);

    public static BoxF FromCenter(float centerX, float centerY, float width, float height) =>
        new(centerX - width / 2, centerY - height / 2, centerX + width / 2, centerY + height / 2);

    public float IntersectionOverUnion(BoxF other)
    {
        var width = Math.Min(Right, other.Right) - Math.Max(Left, other.Left);
        var height = Math.Min(Bottom, other.Bottom) - Math.Max(Top, other.Top);
        if (width <= 0 || height <= 0)
        {
            return 0;
        }

        var intersection = width * height;
        return intersection / (Area + other.Area - intersection);
    }
}
