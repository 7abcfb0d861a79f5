namespace DpoPipeline.Core.Costs;

/// <summary>
/// Prices a sweep before anything is paid: each variant trains the same tokens for its own epochs (<see
/// cref="TrainingCostEstimator.TypicalAutoEpochs"/> when left to the service), each gets a measurement deployment for
/// <c>measurementLifetime</c>, and only the winner is hosted for the TTL.
/// </summary>
public static class SweepCostEstimator
{
    public static SweepCostEstimate Estimate(
        string baseModel,
        long trainingTokensPerEpoch,
        IReadOnlyList<int?> variantEpochs,
        string measurementSku,
        TimeSpan measurementLifetime,
        string hostingSku,
        TimeSpan hostingLifetime,
        PriceTable prices)
    {
        ArgumentNullException.ThrowIfNull(variantEpochs);
        ArgumentOutOfRangeException.ThrowIfZero(variantEpochs.Count);
        var training = variantEpochs
            .Select(e => TrainingCostEstimator.Estimate(baseModel, trainingTokensPerEpoch, e ?? TrainingCostEstimator.TypicalAutoEpochs, prices))
            .ToList();
        var measurement = HostingCostEstimator.Estimate(baseModel, measurementSku, measurementLifetime, prices) * variantEpochs.Count;
        var hosting = HostingCostEstimator.Estimate(baseModel, hostingSku, hostingLifetime, prices);
        return new SweepCostEstimate(
            variantEpochs.Count, training.Sum(t => t.BilledTokens), training.Sum(t => t.EstimatedUsd), measurement, hosting);
    }
}
