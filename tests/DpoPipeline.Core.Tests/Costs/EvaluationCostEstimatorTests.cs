using DpoPipeline.Core.Costs;
using DpoPipeline.Core.Evaluation;
using Xunit;

namespace DpoPipeline.Core.Tests.Costs;

public sealed class EvaluationCostEstimatorTests
{
    [Fact]
    public void Estimate_PricesEachRoleAtItsBaseModelsListPrice()
    {
        var usage = new EvaluationUsage(new TokenUsage(1_000_000, 500_000), new TokenUsage(2_000_000, 0), new TokenUsage(100_000, 1_000), new TokenUsage(50_000, 500));

        var cost = EvaluationCostEstimator.Estimate(
            usage, new EvaluationModels("gpt-4.1-mini-2025-04-14", "gpt-4.1-mini-2025-04-14.ft-abc123", "gpt-4.1-2025-04-14"), PriceTable.Default);

        // gpt-4.1-mini: $0.40 in / $1.60 out per million; gpt-4.1: $2.00 / $8.00 (Costs/price-table.json).
        Assert.Equal(0.40m + 0.80m, cost.BaseUsd);
        Assert.Equal(0.80m, cost.FineTunedUsd);
        Assert.Equal(0.2m + 0.008m, cost.JudgeUsd);
        Assert.Equal(0.1m + 0.004m, cost.JudgeCalibrationUsd);
        Assert.Equal(1.20m + 0.80m + 0.208m + 0.104m, cost.EstimatedTotalUsd);
        Assert.Equal(("USD", PriceTable.Default.SourceDate), (cost.Currency, cost.PriceTableDate));
        Assert.Contains(TrainingCostEstimator.EstimateStatement, cost.Notes);
    }

    [Fact]
    public void Estimate_ModelWithoutAPrice_IsLeftUnpricedAndSaysSo()
    {
        var usage = new EvaluationUsage(new TokenUsage(10, 10), new TokenUsage(10, 10), TokenUsage.None);

        var cost = EvaluationCostEstimator.Estimate(usage, new EvaluationModels("gpt-4.1-nano-2025-04-14", "some-other-model"), PriceTable.Default);

        Assert.Null(cost.FineTunedUsd);
        Assert.Null(cost.JudgeUsd);
        Assert.Contains(cost.Notes, n => n.Contains("no inference price for 'some-other-model'", StringComparison.Ordinal));
    }
}
