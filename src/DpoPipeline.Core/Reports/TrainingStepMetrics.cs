namespace DpoPipeline.Core.Reports;

/// <summary>
/// Metrics the service reported for one training step (from the result CSV, events or checkpoints). A value is null
/// where that step did not report it: validation metrics appear only on some steps.
/// </summary>
public sealed record TrainingStepMetrics(int Step, double? TrainLoss, double? ValidationLoss, double? TrainAccuracy, double? ValidationAccuracy);
