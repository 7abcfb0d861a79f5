using DpoPipeline.Core.Costs;
using Xunit;

namespace DpoPipeline.Core.Tests.Costs;

public sealed class SweepCostEstimatorTests
{
    [Fact(Timeout = 10_000)]
    public void Estimate_CoversEveryVariantsTrainingEachMeasurementAndOnlyTheWinnersHosting()
    {
        const string model = "gpt-4.1-mini-2025-04-14";
        var prices = PriceTable.Default;

        var sweep = SweepCostEstimator.Estimate(model, 1_000_000, [1, 2, null], "standard", TimeSpan.FromHours(1), "standard", TimeSpan.FromHours(24), prices);

        var training = TrainingCostEstimator.Estimate(model, 1_000_000, 1, prices).EstimatedUsd
            + TrainingCostEstimator.Estimate(model, 1_000_000, 2, prices).EstimatedUsd
            + TrainingCostEstimator.Estimate(model, 1_000_000, TrainingCostEstimator.TypicalAutoEpochs, prices).EstimatedUsd;
        var hourly = HostingCostEstimator.Estimate(model, "standard", TimeSpan.FromHours(1), prices);
        Assert.Equal(3, sweep.Variants);
        Assert.Equal(6_000_000, sweep.BilledTokens);
        Assert.Equal(training, sweep.TrainingUsd);
        Assert.Equal(3 * hourly, sweep.MeasurementUsd);
        Assert.Equal(HostingCostEstimator.Estimate(model, "standard", TimeSpan.FromHours(24), prices), sweep.HostingUsd);
        Assert.Equal(sweep.TrainingUsd + sweep.MeasurementUsd + sweep.HostingUsd, sweep.TotalUsd);
        Assert.True(sweep.TotalUsd > training);
    }
}
