using IceCheckout.Catalog.Infrastructure.Images;
using Microsoft.Net.Http.Headers;

namespace IceCheckout.Catalog.Apis;

/// <summary>Reads an uploaded image body, refusing wrong content types and stopping as soon as it exceeds the byte limit.</summary>
public sealed record ImageUpload(InspectedImage? Image, string? Error)
{
    public static async Task<ImageUpload> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !ImageInspector.AcceptedContentTypes.Contains(mediaType.MediaType.Value, StringComparer.OrdinalIgnoreCase))
        {
            return new(null, $"Send the image as the request body with Content-Type {string.Join(", ", ImageInspector.AcceptedContentTypes)}.");
        }

        if (request.ContentLength > ImageInspector.MaxBytes)
        {
            return TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > ImageInspector.MaxBytes)
            {
                return TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return new(null, "The request body is empty.");
        }

        var image = ImageInspector.Inspect(buffer.ToArray(), out var error);
        if (image is not null && !string.Equals(image.ContentType, mediaType.MediaType.Value, StringComparison.OrdinalIgnoreCase))
        {
            return new(null, $"The content is {image.ContentType} but was sent as {mediaType.MediaType.Value}.");
        }

        return new(image, error);
    }

    private static ImageUpload TooLarge() => new(null, $"The image exceeds {ImageInspector.MaxBytes / (1024 * 1024)} MB.");
}
