using System.Security.Cryptography;
using System.Text;

namespace DpoPipeline.Core.Http;

/// <summary>
/// Derives a service-safe name from a run id: kept as is when it already fits, else cleaned and cut, with a short
/// hash of the original appended so that distinct ids never collapse onto one name.
/// </summary>
internal static class IdentifierSlug
{
    private const int HashLength = 8;

    public static string Create(string id, string prefix, int maxLength, Func<char, bool> allowed, bool lowercase)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var source = lowercase ? id.ToLowerInvariant() : id;
        var clean = new string(source.Select(c => allowed(c) ? c : '-').ToArray()).Trim('-');
        var plain = prefix + clean;
        if (clean.Length > 0 && clean == id && plain.Length <= maxLength)
        {
            return plain;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..HashLength];
        var room = maxLength - prefix.Length - HashLength - 1;
        var head = clean[..Math.Min(clean.Length, room)].TrimEnd('-');
        return head.Length == 0 ? prefix + hash : $"{prefix}{head}-{hash}";
    }
}
