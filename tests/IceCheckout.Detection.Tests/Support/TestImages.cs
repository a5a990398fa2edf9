using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using SkiaSharp;

namespace IceCheckout.Detection.Tests.Support;

public static class TestImages
{
    /// <summary>The classic 1x1 GIF: a real image in a format the service does not take.</summary>
    public static readonly byte[] Gif = Convert.FromHexString(
        "47494638396101000100800000FFFFFF00000021F90401000000002C00000000010001000002024401003B");

    public static byte[] Solid(int width, int height, SKColor color, SKEncodedImageFormat format = SKEncodedImageFormat.Png, int quality = 90)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(color);
        return Encode(bitmap, format, quality);
    }

    /// <summary>The left half <paramref name="left"/>, the right half <paramref name="right"/>.</summary>
    public static byte[] Halves(int width, int height, SKColor left, SKColor right, SKEncodedImageFormat format, int quality = 95)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(right);
            using var paint = new SKPaint { Color = left };
            canvas.DrawRect(0, 0, width / 2f, height, paint);
        }

        return Encode(bitmap, format, quality);
    }

    /// <summary>Random pixels: large, incompressible, so a truncated copy really lacks image data.</summary>
    public static byte[] Noise(int width, int height, SKEncodedImageFormat format, int seed = 7)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(width, height);
        var pixels = new byte[width * height * 4];
        random.NextBytes(pixels);
        for (var i = 3; i < pixels.Length; i += 4)
        {
            pixels[i] = 255;
        }

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        return Encode(bitmap, format, 90);
    }

    /// <summary>A JPEG with an EXIF APP1 segment carrying the given orientation (1..8) right after SOI.</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        var tiff = new byte[26];
        "II"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(10), 0x0112);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(12), 3);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(14), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(18), orientation);

        var segment = new List<byte> { 0xFF, 0xE1 };
        var length = (ushort)(2 + 6 + tiff.Length);
        segment.Add((byte)(length >> 8));
        segment.Add((byte)length);
        segment.AddRange("Exif\0\0"u8.ToArray());
        segment.AddRange(tiff);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>
    /// A PNG whose header says <paramref name="width"/> x <paramref name="height"/> RGB with one small IDAT:
    /// the few bytes a decompression bomb starts with.
    /// </summary>
    public static byte[] PngHeader(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", [0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01]);
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(typeAndData);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.HashToUInt32(typeAndData));
        stream.Write(crc);
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>An uncompressed 24-bit Windows bitmap: a real image, in a format the service does not take.</summary>
    public static byte[] Bmp(int width, int height)
    {
        var rowBytes = (width * 3 + 3) / 4 * 4;
        var pixels = rowBytes * height;
        var bmp = new byte[54 + pixels];
        void Write32(int offset, int value) => BitConverter.TryWriteBytes(bmp.AsSpan(offset, 4), value);
        bmp[0] = (byte)'B';
        bmp[1] = (byte)'M';
        Write32(2, bmp.Length);
        Write32(10, 54);
        Write32(14, 40);
        Write32(18, width);
        Write32(22, height);
        bmp[26] = 1;
        bmp[28] = 24;
        Write32(34, pixels);
        Array.Fill(bmp, (byte)0x80, 54, pixels);
        return bmp;
    }
}
