using DpoPipeline.Core.Http;
using DpoPipeline.Core.Sweeps;

namespace DpoPipeline.Core.FineTuning;

/// <summary>
/// How a job is tied to a pipeline run: metadata <c>dpo_run_id</c> (OpenAI and the v1 API echo it) and a suffix derived
/// from the run id (Azure echoes the suffix even where it drops metadata). Either match identifies the run's job.
/// </summary>
public static class RunJobTag
{
    public const string MetadataKey = "dpo_run_id";

    /// <summary>On a sweep variant's job: the id of the run whose sweep it belongs to.</summary>
    public const string SweepMetadataKey = "dpo_sweep_run_id";

    public const int MaxSuffixLength = 40;

    /// <summary>Deterministic suffix of at most 40 characters of [A-Za-z0-9_-]; long ids keep a hash so they stay distinct.</summary>
    public static string SuffixFor(string runId) =>
        IdentifierSlug.Create(runId, string.Empty, MaxSuffixLength, c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_', lowercase: false);

    /// <summary>Metadata key naming the stage of a run a job belongs to; only an SFT stage's job carries it.</summary>
    public const string StageKey = "dpo_stage";

    /// <summary>The <see cref="StageKey"/> value of the job that supervised-fine-tunes before DPO.</summary>
    public const string SftStage = "sft";

    /// <summary>The suffix of a run's SFT job: distinct from the DPO job's, so neither is ever taken for the other.</summary>
    public static string SftSuffixFor(string runId) => SuffixFor("sft-" + runId);

    /// <summary>True for the job of a run's SFT stage (by its stage tag, or by its suffix where metadata was dropped).</summary>
    public static bool IsSftStage(FineTuningJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return (job.Metadata is not null && job.Metadata.TryGetValue(StageKey, out var stage) && stage == SftStage)
            || (job.Suffix is { } suffix && job.Metadata?.GetValueOrDefault(MetadataKey) is { } runId && suffix == SftSuffixFor(runId));
    }

    /// <summary>The run's SFT-stage job: tagged with the run and the stage, or carrying the run's SFT suffix.</summary>
    public static bool MatchesSft(FineTuningJob job, string runId)
    {
        ArgumentNullException.ThrowIfNull(job);
        return (Matches(job, runId) && IsSftStage(job)) || string.Equals(job.Suffix, SftSuffixFor(runId), StringComparison.Ordinal);
    }

    public static bool Matches(FineTuningJob job, string runId) =>
        (job.Metadata is not null && job.Metadata.TryGetValue(MetadataKey, out var tagged) && tagged == runId)
        || string.Equals(job.Suffix, SuffixFor(runId), StringComparison.Ordinal);

    /// <summary>
    /// True for the job of one of <paramref name="runId"/>'s sweep variants: tagged with the sweep's run id, with a
    /// variant's id (<see cref="SweepVariantIds"/>), or suffixed for one.
    /// </summary>
    public static bool MatchesVariantOf(FineTuningJob job, string runId)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Metadata is { } metadata
            && ((metadata.TryGetValue(SweepMetadataKey, out var sweep) && sweep == runId)
                || (metadata.TryGetValue(MetadataKey, out var tagged) && SweepVariantIds.TryParse(tagged, out var parent, out _) && parent == runId)))
        {
            return true;
        }

        return job.Suffix is { } suffix
            && Enumerable.Range(1, SweepVariantIds.MaxIndex).Any(i => string.Equals(suffix, SuffixFor(SweepVariantIds.For(runId, i)), StringComparison.Ordinal));
    }
}
