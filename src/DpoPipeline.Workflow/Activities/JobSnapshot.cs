using DpoPipeline.Core.Reports;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Workflow.Activities;

/// <summary>One poll of a fine-tuning job: status, latest metrics and the few newest events.</summary>
public sealed record JobSnapshot
{
    public required string Status { get; init; }

    public bool IsTerminal { get; init; }

    public string? FineTunedModel { get; init; }

    public RunError? Error { get; init; }

    public long? TrainedTokens { get; init; }

    public TrainingStepMetrics? LatestMetrics { get; init; }

    public IReadOnlyList<string> NewEvents { get; init; } = [];

    public string? LastEventId { get; init; }
}
