using IceCheckout.Detection.Imaging;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace IceCheckout.Detection.Apis;

/// <summary>
/// Reads the image of a <c>POST /detect</c>: a raw <c>image/jpeg|png|webp</c> body or the <c>image</c> field of a
/// <c>multipart/form-data</c> form, never buffering more than the byte limit.
/// </summary>
public static class ImageUploadReader
{
    public const string FormField = "image";

    private const int MultipartOverheadBytes = 64 * 1024;

    /// <summary>RFC 2046: a boundary is 1 to 70 characters.</summary>
    private const int MaxBoundaryLength = 70;

    private static readonly string[] s_imageContentTypes = ["image/jpeg", "image/png", "image/webp"];

    public static async Task<byte[]> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
        {
            throw UnsupportedMediaType(request.ContentType);
        }

        var mediaType = contentType.MediaType.Value ?? string.Empty;
        var isMultipart = mediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
        if (!isMultipart && !s_imageContentTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            throw UnsupportedMediaType(mediaType);
        }

        var bodyLimit = isMultipart ? maxBytes + MultipartOverheadBytes : maxBytes;
        if (request.ContentLength > bodyLimit)
        {
            throw ImageRejectedException.TooLarge(request.ContentLength.Value, maxBytes);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = bodyLimit + 1;
        }

        try
        {
            return isMultipart
                ? await ReadFormFieldAsync(request, contentType, maxBytes, cancellationToken)
                : await ReadLimitedAsync(request.Body, maxBytes, request.ContentLength, cancellationToken);
        }
        catch (BadHttpRequestException exception)
        {
            // Kestrel's own body limit or a malformed chunked body.
            throw new ImageRejectedException(exception.StatusCode, "Unreadable request body", exception.Message);
        }
    }

    private static async Task<byte[]> ReadFormFieldAsync(
        HttpRequest request, MediaTypeHeaderValue contentType, long maxBytes, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > MaxBoundaryLength)
        {
            throw new ImageRejectedException(
                StatusCodes.Status400BadRequest, "Malformed form", $"The multipart/form-data body needs a boundary of 1 to {MaxBoundaryLength} characters.");
        }

        var reader = new MultipartReader(boundary, request.Body);
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    && disposition.DispositionType.Equals("form-data")
                    && HeaderUtilities.RemoveQuotes(disposition.Name).Equals(FormField, StringComparison.Ordinal))
                {
                    return await ReadLimitedAsync(section.Body, maxBytes, null, cancellationToken);
                }
            }
        }
        catch (InvalidDataException exception)
        {
            throw new ImageRejectedException(StatusCodes.Status400BadRequest, "Malformed form", exception.Message);
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            // MultipartReader's "Unexpected end of stream": the body stopped before the closing boundary.
            throw new ImageRejectedException(StatusCodes.Status400BadRequest, "Malformed form", "The form ends before its closing boundary.");
        }

        throw new ImageRejectedException(
            StatusCodes.Status400BadRequest, "No image", $"The form has no '{FormField}' field.");
    }

    private static async Task<byte[]> ReadLimitedAsync(Stream body, long maxBytes, long? expectedLength, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(expectedLength is > 0 and var length && length <= maxBytes ? (int)length : 64 * 1024);
        var buffer = new byte[81_920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (content.Length + read > maxBytes)
            {
                throw ImageRejectedException.TooLarge(content.Length + read, maxBytes);
            }

            content.Write(buffer, 0, read);
        }

        if (content.Length == 0)
        {
            throw ImageRejectedException.Empty();
        }

        return content.ToArray();
    }

    private static ImageRejectedException UnsupportedMediaType(string? contentType) =>
        new(
            StatusCodes.Status415UnsupportedMediaType,
            "Unsupported content type",
            $"Content type '{contentType}' is not accepted; send image/jpeg, image/png, image/webp or multipart/form-data with an '{FormField}' field.");
}
