using System.Security.Cryptography;
using System.Text;

namespace DpoPipeline.Workflow.Runs;

/// <summary>
/// Run ids double as Durable instance ids. A dropped blob's id is derived from its container, name and ETag,
/// so a duplicate Event Grid delivery of the same blob version maps to the same instance and never starts a second run.
/// </summary>
public static class RunIds
{
    private const int NamePartLength = 24;

    public static string ForBlob(string container, string blobName, string etag)
    {
        ArgumentException.ThrowIfNullOrEmpty(container);
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        ArgumentException.ThrowIfNullOrEmpty(etag);
        return Compose(blobName, $"{container}/{blobName}@{etag.Trim('"')}");
    }

    /// <summary>An id for an explicitly requested run; <paramref name="nonce"/> makes repeated requests distinct.</summary>
    public static string ForRequest(string datasetName, Guid nonce) => Compose(datasetName, nonce.ToString("N"));

    private static string Compose(string blobName, string identity)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..16];
        return $"dpo-{Readable(blobName)}-{hash}";
    }

    // Keeps ids readable in lists and safe as instance ids, file names and deployment-name seeds.
    private static string Readable(string blobName)
    {
        var name = Path.GetFileNameWithoutExtension(blobName.Split('/')[^1]);
        var chars = name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var readable = new string(chars).Trim('-');
        while (readable.Contains("--", StringComparison.Ordinal))
        {
            readable = readable.Replace("--", "-", StringComparison.Ordinal);
        }

        readable = readable.Length > NamePartLength ? readable[..NamePartLength].TrimEnd('-') : readable;
        return readable.Length == 0 ? "dataset" : readable;
    }
}
