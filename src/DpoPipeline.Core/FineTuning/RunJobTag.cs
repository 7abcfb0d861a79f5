using DpoPipeline.Core.Http;

namespace DpoPipeline.Core.FineTuning;

/// <summary>
/// How a job is tied to a pipeline run: metadata <c>dpo_run_id</c> (OpenAI and the v1 API echo it) and a suffix derived
/// from the run id (Azure echoes the suffix even where it drops metadata). Either match identifies the run's job.
/// </summary>
public static class RunJobTag
{
    public const string MetadataKey = "dpo_run_id";

    public const int MaxSuffixLength = 40;

    /// <summary>Deterministic suffix of at most 40 characters of [A-Za-z0-9_-]; long ids keep a hash so they stay distinct.</summary>
    public static string SuffixFor(string runId) =>
        IdentifierSlug.Create(runId, string.Empty, MaxSuffixLength, c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_', lowercase: false);

    public static bool Matches(FineTuningJob job, string runId) =>
        (job.Metadata is not null && job.Metadata.TryGetValue(MetadataKey, out var tagged) && tagged == runId)
        || string.Equals(job.Suffix, SuffixFor(runId), StringComparison.Ordinal);
}
