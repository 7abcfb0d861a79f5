using DpoPipeline.Core.Evaluation;

namespace DpoPipeline.Core.Reports;

/// <summary>Everything a run report shows. Optional parts are left out of the report when missing.</summary>
public sealed record RunReportData
{
    public required string RunId { get; init; }

    public required string DatasetName { get; init; }

    public required string BaseModel { get; init; }

    public string? FineTunedModel { get; init; }

    /// <summary>How the base model was resolved when it is itself fine-tuned, e.g. "fine-tuned, family gpt-4.1-mini-2025-04-14, from run dpo-…".</summary>
    public string? BaseModelNote { get; init; }

    /// <summary>The SFT stage's job and model, when the run trained SFT before DPO.</summary>
    public string? SftJobId { get; init; }

    public string? SftModel { get; init; }

    /// <summary>Base, SFT and SFT+DPO compared on the same held-out prompts, when an SFT stage ran.</summary>
    public StageComparison? StageComparison { get; init; }

    public string? Deployment { get; init; }

    public string? JobId { get; init; }

    /// <summary>The service that ran the job and answered the evaluation; an emulated run's report says so at the top.</summary>
    public EvaluationService? Service { get; init; }

    /// <summary>How the run ended (or where it stands), e.g. Completed or Failed.</summary>
    public string? Outcome { get; init; }

    /// <summary>When the report was made; the last phase of the timeline lasts until then.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    public IReadOnlyList<RunPhaseEntry> Timeline { get; init; } = [];

    public RunCostSummary? Cost { get; init; }

    public TrainingMetricsSeries? TrainingMetrics { get; init; }

    /// <summary>The run's hyperparameter sweep, when it was one: every variant, the curves and why the winner won.</summary>
    public SweepReport? Sweep { get; init; }

    public EvaluationResult? Evaluation { get; init; }

    /// <summary>Token-length histograms of the dataset, e.g. prompt, chosen and rejected.</summary>
    public IReadOnlyList<TokenHistogram> TokenHistograms { get; init; } = [];

    public IReadOnlyList<RunReportIssue> Errors { get; init; } = [];

    public IReadOnlyList<RunReportIssue> Warnings { get; init; } = [];
}
