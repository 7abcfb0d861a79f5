namespace DpoPipeline.Core.FineTuning;

/// <summary>
/// What a DPO fine-tuning job needs. <see cref="RunId"/> tags the job (metadata <c>dpo_run_id</c> and, unless a
/// suffix is given, the suffix) so that creating it again for the same run finds the existing job.
/// </summary>
public sealed record DpoJobRequest
{
    public required string RunId { get; init; }

    /// <summary>Base model, e.g. gpt-4.1-mini-2025-04-14.</summary>
    public required string Model { get; init; }

    /// <summary>Id of a processed training file (<c>file-…</c>).</summary>
    public required string TrainingFileId { get; init; }

    public string? ValidationFileId { get; init; }

    /// <summary>Up to 40 characters of [A-Za-z0-9_-]; defaults to <see cref="RunJobTag.SuffixFor"/> of the run id.</summary>
    public string? Suffix { get; init; }

    public long? Seed { get; init; }

    public DpoHyperparameters Hyperparameters { get; init; } = new();

    /// <summary>Extra metadata; <c>dpo_run_id</c> is added by the client.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Azure only (Standard, GlobalStandard, Developer); null sends nothing and the service picks Standard.</summary>
    public string? TrainingType { get; init; }
}
