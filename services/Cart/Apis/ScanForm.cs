using IceCheckout.Cart.Infrastructure.Detection;
using IceCheckout.Cart.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace IceCheckout.Cart.Apis;

/// <summary>
/// Reads the frames of a scan straight from the multipart body, each into one array of its own (no form buffer, no temp
/// file), checking each where it enters: count, size, image format.
/// </summary>
public static class ScanForm
{
    /// <summary>RFC 2046's longest boundary.</summary>
    public const int MaxBoundaryLength = 70;

    private static readonly string[] s_frameFields = ["frames", "image"];

    private static readonly (string ContentType, byte[] Magic, int Offset)[] s_formats =
    [
        ("image/jpeg", [0xFF, 0xD8, 0xFF], 0),
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], 0),
        ("image/webp", "WEBP"u8.ToArray(), 8),
    ];

    public static async Task<(IReadOnlyList<ScanFrame>? Frames, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, ScanOptions options, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Send the frames as multipart/form-data in the field 'frames' (or one in 'image')."));
        }

        if (boundary.Length > MaxBoundaryLength)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "Malformed form",
                $"The multipart/form-data body needs a boundary of 1 to {MaxBoundaryLength} characters."));
        }

        var result = await ReadFramesAsync(new MultipartReader(boundary, request.Body), options, cancellationToken);
        if (result.Problem is not null)
        {
            // The client gets its answer rather than a connection cut while it is still sending (Kestrel bounds the body).
            await request.Body.CopyToAsync(Stream.Null, cancellationToken);
        }

        return result;
    }

    private static async Task<(IReadOnlyList<ScanFrame>? Frames, ProblemHttpResult? Problem)> ReadFramesAsync(
        MultipartReader reader, ScanOptions options, CancellationToken cancellationToken)
    {
        var frames = new List<ScanFrame>();
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.IsFileDisposition()
                    || !s_frameFields.Contains(HeaderUtilities.RemoveQuotes(disposition.Name).Value, StringComparer.Ordinal))
                {
                    continue;
                }

                var index = frames.Count;
                if (index == options.MaxFrames)
                {
                    return (null, CartProblems.Invalid("frames", $"At most {options.MaxFrames} frames per scan; more were sent."));
                }

                if (await ReadFrameAsync(section.Body, options.MaxFrameBytes, cancellationToken) is not { } bytes)
                {
                    return (null, Problem(StatusCodes.Status413PayloadTooLarge, "Frame too large",
                        $"Frame {index} has more than {options.MaxFrameBytes} bytes."));
                }

                if (bytes.Length == 0)
                {
                    return (null, CartProblems.Invalid($"frames[{index}]", "The frame is empty."));
                }

                if (FormatOf(bytes) is not { } format)
                {
                    return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Not an image",
                        $"Frame {index} is not a JPEG, PNG or WebP image."));
                }

                frames.Add(new ScanFrame(bytes, format));
            }
        }
        catch (InvalidDataException ex)
        {
            return (null, CartProblems.Invalid("frames", $"The form could not be read: {ex.Message}"));
        }
        catch (IOException ex) when (ex.InnerException is null && !cancellationToken.IsCancellationRequested)
        {
            return (null, CartProblems.Invalid("frames", $"The form ended early: {ex.Message}"));
        }

        return frames.Count == 0
            ? (null, CartProblems.Invalid("frames", "The form holds no frame: send 1 to 5 images in the field 'frames'."))
            : (frames, null);
    }

    /// <summary>The section's bytes, or <c>null</c> once it runs past <paramref name="maxBytes"/>.</summary>
    private static async Task<byte[]?> ReadFrameAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var frame = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (frame.Length + read > maxBytes)
            {
                return null;
            }

            frame.Write(buffer, 0, read);
        }

        return frame.ToArray();
    }

    private static string? FormatOf(byte[] bytes) =>
        s_formats.FirstOrDefault(f => bytes.Length >= f.Offset + f.Magic.Length && bytes.AsSpan(f.Offset, f.Magic.Length).SequenceEqual(f.Magic)).ContentType;

    private static ProblemHttpResult Problem(int status, string title, string detail) => CartProblems.Problem(status, title, detail);
}
