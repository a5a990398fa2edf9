using IceCheckout.Cart.Infrastructure.Detection;
using IceCheckout.Cart.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IceCheckout.Cart.Apis;

/// <summary>Reads the frames of a scan from a multipart form, checking each where it enters: count, size, image format.</summary>
public static class ScanForm
{
    /// <summary>RFC 2046's longest boundary; the form reader refuses longer ones with a size error.</summary>
    public const int MaxBoundaryLength = 70;

    private static readonly (string ContentType, byte[] Magic, int Offset)[] s_formats =
    [
        ("image/jpeg", [0xFF, 0xD8, 0xFF], 0),
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], 0),
        ("image/webp", "WEBP"u8.ToArray(), 8),
    ];

    public static async Task<(IReadOnlyList<ScanFrame>? Frames, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, ScanOptions options, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Send the frames as multipart/form-data in the field 'frames' (or one in 'image')."));
        }

        var boundary = Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(
            Microsoft.Net.Http.Headers.MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > MaxBoundaryLength)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "Malformed form",
                $"The multipart/form-data body needs a boundary of 1 to {MaxBoundaryLength} characters."));
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            return (null, Problem(StatusCodes.Status413PayloadTooLarge, "Frames too large", ex.Message));
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            // The form reader's "Unexpected end of stream": the body stopped before the closing boundary.
            return (null, Problem(StatusCodes.Status400BadRequest, "Malformed form", "The form ends before its closing boundary."));
        }

        var files = form.Files.GetFiles("frames").Concat(form.Files.GetFiles("image")).ToList();
        if (files.Count == 0)
        {
            return (null, CartProblems.Invalid("frames", "The form holds no frame: send 1 to 5 images in the field 'frames'."));
        }

        if (files.Count > options.MaxFrames)
        {
            return (null, CartProblems.Invalid("frames", $"At most {options.MaxFrames} frames per scan; {files.Count} were sent."));
        }

        var frames = new List<ScanFrame>();
        foreach (var (file, index) in files.Select((f, i) => (f, i)))
        {
            if (file.Length == 0)
            {
                return (null, CartProblems.Invalid($"frames[{index}]", "The frame is empty."));
            }

            if (file.Length > options.MaxFrameBytes)
            {
                return (null, Problem(StatusCodes.Status413PayloadTooLarge, "Frame too large",
                    $"Frame {index} has {file.Length} bytes; at most {options.MaxFrameBytes}."));
            }

            var bytes = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
            {
                await stream.ReadExactlyAsync(bytes, cancellationToken);
            }

            if (FormatOf(bytes) is not { } contentType)
            {
                return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Not an image",
                    $"Frame {index} is not a JPEG, PNG or WebP image."));
            }

            frames.Add(new ScanFrame(bytes, contentType));
        }

        return (frames, null);
    }

    private static string? FormatOf(byte[] bytes) =>
        s_formats.FirstOrDefault(f => bytes.Length >= f.Offset + f.Magic.Length && bytes.AsSpan(f.Offset, f.Magic.Length).SequenceEqual(f.Magic)).ContentType;

    private static ProblemHttpResult Problem(int status, string title, string detail) => CartProblems.Problem(status, title, detail);
}
