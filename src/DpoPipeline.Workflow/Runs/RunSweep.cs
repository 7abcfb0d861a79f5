using DpoPipeline.Core.Sweeps;

namespace DpoPipeline.Workflow.Runs;

/// <summary>
/// A run's sweep as resolved: the variants (the run's hyperparameters with the swept values applied) and the SKU of the
/// short-lived deployments that measure each variant's model before only the winner is deployed for the TTL.
/// </summary>
public sealed record RunSweep(IReadOnlyList<SweepVariant> Variants, string MeasurementSku)
{
    /// <summary>What each measurement deployment is budgeted for, in the service's time; it is deleted as soon as it was measured.</summary>
    public static readonly TimeSpan MeasurementLifetime = TimeSpan.FromHours(1);
}
