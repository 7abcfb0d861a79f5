using DpoPipeline.Core.Reports;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Workflow.Orchestrations;

/// <summary>How a variant ended: its row of the sweep, and its full evaluation and latest metrics should it win.</summary>
public sealed record SweepVariantOutcome(VariantResult Result, EvaluationSummary? Evaluation, TrainingStepMetrics? LatestMetrics);
