using IceCheckout.Detection.Inference;

namespace IceCheckout.Detection.Imaging;

/// <summary>
/// Where an image of <see cref="SourceWidth"/> x <see cref="SourceHeight"/> lands inside the model input when resized
/// keeping its aspect ratio and centred on a grey canvas (the training pipeline's rounding), and the way back.
/// </summary>
public readonly record struct LetterboxTransform(int SourceWidth, int SourceHeight, int TargetWidth, int TargetHeight)
{
    public float Scale => Math.Min((float)TargetWidth / SourceWidth, (float)TargetHeight / SourceHeight);

    public int ResizedWidth => Math.Max(1, (int)Math.Round(SourceWidth * Scale, MidpointRounding.ToEven));

    public int ResizedHeight => Math.Max(1, (int)Math.Round(SourceHeight * Scale, MidpointRounding.ToEven));

    public int PadLeft => (TargetWidth - ResizedWidth) / 2;

    public int PadTop => (TargetHeight - ResizedHeight) / 2;

    /// <summary>Maps a box in model-input pixels to source pixels, clipped to the image.</summary>
    public BoxF ToSource(BoxF box)
    {
        var scaleX = (float)SourceWidth / ResizedWidth;
        var scaleY = (float)SourceHeight / ResizedHeight;
        return new BoxF(
            Math.Clamp((box.Left - PadLeft) * scaleX, 0, SourceWidth),
            Math.Clamp((box.Top - PadTop) * scaleY, 0, SourceHeight),
            Math.Clamp((box.Right - PadLeft) * scaleX, 0, SourceWidth),
            Math.Clamp((box.Bottom - PadTop) * scaleY, 0, SourceHeight));
    }
}
