using System.Globalization;

namespace DpoPipeline.Core.Sweeps;

/// <summary>
/// A sweep variant's id, <c>&lt;runId&gt;:v&lt;n&gt;</c>: its Durable instance id and the run id its job is tagged with, so
/// the variant's job is found again on a retry and the run's release finds the jobs of all its variants.
/// </summary>
public static class SweepVariantIds
{
    /// <summary>The highest variant index any run may have (the setting's ceiling); the release looks this far.</summary>
    public const int MaxIndex = 32;

    private const string Separator = ":v";

    public static string For(string runId, int index) => string.Create(CultureInfo.InvariantCulture, $"{runId}{Separator}{index}");

    /// <summary>True when <paramref name="id"/> is a variant's id; <paramref name="runId"/> is then the sweep's run.</summary>
    public static bool TryParse(string id, out string runId, out int index)
    {
        ArgumentNullException.ThrowIfNull(id);
        var at = id.LastIndexOf(Separator, StringComparison.Ordinal);
        if (at > 0 && int.TryParse(id.AsSpan(at + Separator.Length), NumberStyles.None, CultureInfo.InvariantCulture, out index) && index >= 1)
        {
            runId = id[..at];
            return true;
        }

        runId = string.Empty;
        index = 0;
        return false;
    }
}
