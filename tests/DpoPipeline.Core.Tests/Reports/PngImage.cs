using System.Buffers.Binary;
using SkiaSharp;

namespace DpoPipeline.Core.Tests.Reports;

/// <summary>Reads what a PNG really contains: header, size and pixels.</summary>
internal sealed class PngImage
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private PngImage(int width, int height, SKColor[] pixels)
    {
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public SKColor[] Pixels { get; }

    public static bool HasSignature(byte[] bytes) => bytes.AsSpan().StartsWith(Signature);

    /// <summary>Width and height from the IHDR chunk, read from the bytes rather than a decoder.</summary>
    public static (int Width, int Height) HeaderSize(byte[] bytes) =>
        (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));

    public static PngImage Decode(byte[] bytes)
    {
        using var bitmap = SKBitmap.Decode(bytes) ?? throw new InvalidDataException("Not a decodable image.");
        return new PngImage(bitmap.Width, bitmap.Height, bitmap.Pixels);
    }

    public int DistinctColours => Pixels.Distinct().Count();

    /// <summary>Share of pixels that differ from the most common colour (the background).</summary>
    public double InkFraction
    {
        get
        {
            var background = Pixels.GroupBy(p => p).MaxBy(g => g.Count())!.Key;
            return Pixels.Count(p => p != background) / (double)Pixels.Length;
        }
    }

    /// <summary>Pixels within a small distance of <paramref name="colour"/> (anti-aliasing shifts edges slightly).</summary>
    public int CountNear(SKColor colour, int tolerance = 12) =>
        Pixels.Count(p => Math.Abs(p.Red - colour.Red) <= tolerance && Math.Abs(p.Green - colour.Green) <= tolerance && Math.Abs(p.Blue - colour.Blue) <= tolerance);
}
