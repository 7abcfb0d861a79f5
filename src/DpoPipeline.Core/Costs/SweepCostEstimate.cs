namespace DpoPipeline.Core.Costs;

/// <summary>
/// What a whole sweep is expected to cost: every variant's training, a short-lived measurement deployment per variant,
/// and hosting the winner for the run's TTL.
/// </summary>
public sealed record SweepCostEstimate(int Variants, long BilledTokens, decimal TrainingUsd, decimal MeasurementUsd, decimal HostingUsd)
{
    public decimal TotalUsd => TrainingUsd + MeasurementUsd + HostingUsd;
}
