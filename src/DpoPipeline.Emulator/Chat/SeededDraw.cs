using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace DpoPipeline.Emulator.Chat;

/// <summary>
/// A uniform number in [0, 1) derived from its parts by SHA-256: the same parts give the same draw in every process,
/// and no shared <see cref="Random"/> makes answers depend on the order requests arrive in.
/// </summary>
internal static class SeededDraw
{
    public static double Uniform(params string[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));

        // 53 random bits fill a double's mantissa exactly.
        return (BinaryPrimitives.ReadUInt64LittleEndian(hash) >> 11) / (double)(1UL << 53);
    }
}
