namespace IceCheckout.Detection.Imaging;

/// <summary>The client sent something that is not a usable image; <see cref="StatusCode"/> is the 4xx to answer with.</summary>
public sealed class ImageRejectedException(int statusCode, string title, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;

    public string Title { get; } = title;

    public static ImageRejectedException Empty() =>
        new(StatusCodes.Status400BadRequest, "Empty image", "The request carries no image bytes.");

    public static ImageRejectedException TooLarge(long bytes, long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "Image too large", $"The image has {bytes} bytes or more; the limit is {limit}.");
}
