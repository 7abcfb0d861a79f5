using System.Globalization;

namespace DpoPipeline.Core.Deployments;

/// <summary>The tags the pipeline puts on its deployments; cleanup deletes only deployments whose owner tag is ours.</summary>
public static class DeploymentTags
{
    public const string Owner = "owner";
    public const string RunId = "dpo_run_id";
    public const string ExpiresAt = "expires_at";

    public static IReadOnlyDictionary<string, string> Create(string owner, string runId, DateTimeOffset? expiresAt)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { [Owner] = owner, [RunId] = runId };
        if (expiresAt is { } expiry)
        {
            tags[ExpiresAt] = expiry.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        return tags;
    }

    /// <summary>Reads an ISO-8601 <c>expires_at</c> tag; null when absent or unreadable.</summary>
    public static DateTimeOffset? ParseExpiry(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;
}
