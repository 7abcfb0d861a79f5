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

    public string? Deployment { get; init; }

    public DateTime? DeploymentExpiresAt { get; init; }

    public EvaluationSummary? Evaluation { get; init; }

    public Uri? ReportUri { get; init; }

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
