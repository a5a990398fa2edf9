using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace IceCheckout.Services.Tests.Hostile;

/// <summary>Bodies an attacker or a broken client sends: images that lie about their size, compressed floods, broken forms.</summary>
public static class Payloads
{
    private static readonly Lazy<byte[]> s_pngBomb = new(() => GrayPng(6300, 6300, bitDepth: 1));
    private static readonly Lazy<byte[]> s_oversizedPngBomb = new(() => GrayPng(6400, 6400, bitDepth: 1));
    private static readonly Lazy<byte[]> s_smallPng = new(() => GrayPng(64, 64, bitDepth: 8));
    private static readonly Lazy<byte[]> s_gzipFlood = new(() => Gzip(new byte[64 * 1024 * 1024]));

    /// <summary>About 10 KB that decodes to 40 megapixels: the decompression bomb of issue 16.</summary>
    public static byte[] PngBomb => s_pngBomb.Value;

    /// <summary>About 10 KB whose header claims 41 megapixels, past Detection's MaxImagePixels: refused before decoding.</summary>
    /// <remarks>A scan of <see cref="PngBomb"/> is a valid scan of an empty tray, which rightly marks the cart as scanned.</remarks>
    public static byte[] OversizedPngBomb => s_oversizedPngBomb.Value;

    public static byte[] SmallPng => s_smallPng.Value;

    /// <summary>64 MiB of zeros, gzip-compressed to about 64 KB.</summary>
    public static byte[] GzipFlood => s_gzipFlood.Value;

    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    /// <summary>A multipart body as a client writes it, with whatever boundary, parts and ending the case needs.</summary>
    public static byte[] Multipart(string boundary, IEnumerable<(string Headers, byte[] Body)> parts, bool closed = true)
    {
        using var output = new MemoryStream();
        foreach (var (headers, body) in parts)
        {
            output.Write(Encoding.ASCII.GetBytes($"--{boundary}\r\n{headers}\r\n\r\n"));
            output.Write(body);
            output.Write("\r\n"u8);
        }

        if (closed)
        {
            output.Write(Encoding.ASCII.GetBytes($"--{boundary}--\r\n"));
        }

        return output.ToArray();
    }

    public static (string Headers, byte[] Body) FilePart(string field, string contentType, byte[] body) =>
        ($"Content-Disposition: form-data; name=\"{field}\"; filename=\"{field}.png\"\r\nContent-Type: {contentType}", body);

    private static byte[] GrayPng(int width, int height, byte bitDepth)
    {
        var rowBytes = 1 + (((width * bitDepth) + 7) / 8);
        var pixels = new byte[rowBytes * height];
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize))
        {
            zlib.Write(pixels);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = bitDepth;
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeAndData));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var value in bytes)
        {
            crc ^= value;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
