namespace DpoPipeline.Core.Reports;

/// <summary>What the run was expected to cost against what the service billed (null until it reports it).</summary>
public sealed record RunCostSummary(long EstimatedTrainingTokens, long? BilledTrainingTokens, decimal? EstimatedUsd = null);
