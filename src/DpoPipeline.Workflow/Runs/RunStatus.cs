using DpoPipeline.Core.Reports;

namespace DpoPipeline.Workflow.Runs;

/// <summary>
/// The run's custom status: everything the status API shows while a run is under way.
/// Kept well under Durable's 16 KB cap: ids, a few numbers, at most a handful of errors and events.
/// </summary>
public sealed record RunStatus
{
    public required string RunId { get; init; }

    public RunPhase Phase { get; init; }

    public DateTime UpdatedAt { get; init; }

    public string? Message { get; init; }

    public int? TrainingExamples { get; init; }

    public int? ValidationExamples { get; init; }

    public Uri? ValidationReportUri { get; init; }

    /// <summary>Training plus hosting the deployment for its TTL, the figure the budget gate compares.</summary>
    public decimal? EstimatedCostUsd { get; init; }

    public decimal? EstimatedHostingUsd { get; init; }

    /// <summary>The budget this run was held to: the configured ceiling, or less when the run asked for less.</summary>
    public decimal? BudgetLimitUsd { get; init; }

    /// <summary>The decision at the budget gate, when the run needed one.</summary>
    public ApprovalRecord? Approval { get; init; }

    public long? EstimatedTrainingTokens { get; init; }

    /// <summary>While the run waits in the quota line: for what, its place, and why.</summary>
    public Quotas.QueuePlace? Queue { get; init; }

    public string? TrainingFileId { get; init; }

    public string? ValidationFileId { get; init; }

    public string? JobId { get; init; }

    public string? JobStatus { get; init; }

    public TrainingStepMetrics? LatestMetrics { get; init; }

    public string? FineTunedModel { get; init; }

    /// <summary>The catalogue model the base model descends from, when the run trained on a fine-tuned model.</summary>
    public string? BaseModelFamily { get; init; }

    /// <summary>The model the run's first job started from, as the service confirmed it (a run id resolved to its model).</summary>
    public string? ResolvedBaseModel { get; init; }

    /// <summary>The earlier run whose model this run continued, when <c>baseModel</c> named a run.</summary>
    public string? BaseModelFromRun { get; init; }

    /// <summary>The SFT stage's job, when the run trained SFT before DPO.</summary>
    public string? SftJobId { get; init; }

    public string? SftJobStatus { get; init; }

    /// <summary>The SFT stage's model: the DPO job's base. Never deployed except briefly for the three-way evaluation.</summary>
    public string? SftModel { get; init; }

    public string? SftTrainingFileId { get; init; }

    public string? SftValidationFileId { get; init; }

    public int? SftTrainingExamples { get; init; }

    public int? SftValidationExamples { get; init; }

    /// <summary>The SFT model against the base model, on the same held-out prompts as <see cref="Evaluation"/>.</summary>
    public EvaluationSummary? SftEvaluation { get; init; }

    /// <summary>The SFT+DPO model against the SFT model: did DPO add anything over SFT?</summary>
    public EvaluationSummary? DpoOverSftEvaluation { get; init; }

    /// <summary>The answer to "did DPO add anything over SFT?", from <see cref="DpoOverSftEvaluation"/>'s interval.</summary>
    public string? SftVerdict { get; init; }

    public string? Deployment { get; init; }

    public DateTime? DeploymentExpiresAt { get; init; }

    public EvaluationSummary? Evaluation { get; init; }

    public Uri? ReportUri { get; init; }

    /// <summary>A sweep's variants, one job each; empty for a run of one job.</summary>
    public IReadOnlyList<VariantResult> Variants { get; init; } = [];

    /// <summary>Which variant a sweep deployed and why (<see cref="Core.Sweeps.SweepWinnerRule"/>).</summary>
    public string? SweepDecision { get; init; }

    /// <summary>What the run released when it ended: cancelled jobs, deleted files and deployments.</summary>
    public RunCleanup? CleanedUp { get; init; }

    /// <summary>Runs of older versions of the dataset this run replaced.</summary>
    public IReadOnlyList<string> Supersedes { get; init; } = [];

    /// <summary>The run of a newer version of the dataset that replaced this one.</summary>
    public string? SupersededBy { get; init; }

    /// <summary>Problems that did not stop the run, such as a failed evaluation.</summary>
    public IReadOnlyList<RunError> Warnings { get; init; } = [];

    public IReadOnlyList<RunError> Errors { get; init; } = [];

    /// <summary>When each phase was entered (virtual time in tests), for the report's timeline.</summary>
    public IReadOnlyList<PhaseEntry> Timeline { get; init; } = [];
}
