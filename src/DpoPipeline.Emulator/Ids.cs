using System.Security.Cryptography;
using System.Text;

namespace DpoPipeline.Emulator;

/// <summary>Azure id formats: a prefix and 32 lowercase hex digits.</summary>
internal static class Ids
{
    public static string New(string prefix) => prefix + Guid.NewGuid().ToString("N");

    /// <summary>A stable id derived from its parts, so recomputed events and checkpoints keep their ids.</summary>
    public static string Derived(string prefix, params string[] parts) => prefix + Hex32(prefix + string.Join('\u001f', parts));

    public static string Hex32(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 16);

    /// <summary>Deterministic 32-bit seed from text (string.GetHashCode is randomised per process).</summary>
    public static int Seed(string text) => BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0);

    /// <summary>The 32 hex digits after the prefix of an id such as <c>ftjob-…</c>.</summary>
    public static string HexPart(string id) => id[(id.IndexOf('-', StringComparison.Ordinal) + 1)..];
}
