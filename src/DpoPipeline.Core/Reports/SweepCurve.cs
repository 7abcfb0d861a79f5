namespace DpoPipeline.Core.Reports;

/// <summary>The training curve of one sweep variant, for the overlaid loss chart.</summary>
public sealed record SweepCurve(int Index, string Label, TrainingMetricsSeries Metrics);
