using DpoPipeline.Core.Reports;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Workflow.Orchestrations;

/// <summary>How the monitored job ended, with what the run needs next.</summary>
public sealed record JobOutcome(
    JobOutcomeKind Kind, string Status, string? FineTunedModel, RunError? Error, TrainingStepMetrics? LatestMetrics, long? TrainedTokens);
