using System.Text;
using DpoPipeline.Core.Costs;
using Xunit;

namespace DpoPipeline.Core.Tests.Costs;

public sealed class TrainingCostEstimatorTests
{
    [Fact]
    public void Estimate_BillsTokensTimesEpochsAtTheTablePrice()
    {
        var estimate = TrainingCostEstimator.Estimate("gpt-4.1-mini-2025-04-14", 2_000_000, 3);

        Assert.Equal(6_000_000, estimate.BilledTokens);
        Assert.Equal(5.00m, estimate.PricePerMillionTokens);
        Assert.Equal(30.00m, estimate.EstimatedUsd);
        Assert.Equal(PriceTable.Default.SourceDate, estimate.PriceTableDate);
    }

    [Fact]
    public void Estimate_AlwaysSaysItIsAnEstimateAndToCheckThePricingPage()
    {
        var estimate = TrainingCostEstimator.Estimate("gpt-4o-2024-08-06", 1000, 1);

        Assert.Contains(TrainingCostEstimator.EstimateStatement, estimate.Notes);
        Assert.Contains(estimate.Notes, n => n.Contains("Azure pricing page", StringComparison.Ordinal));
        Assert.StartsWith("https://azure.microsoft.com/pricing/", estimate.PriceSource, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_FineTunedModelName_UsesItsBaseModelsPrice()
    {
        var estimate = TrainingCostEstimator.Estimate("gpt-4o-mini-2024-07-18.ft-abc", 1_000_000, 1);

        Assert.Equal(3.00m, estimate.EstimatedUsd);
    }

    [Fact]
    public void Estimate_UserPriceTable_OverridesTheBuiltInOne()
    {
        var json = """{"sourceDate":"2030-01-01","source":"my contract","currency":"EUR","note":"negotiated","models":[{"model":"gpt-4.1-mini-2025-04-14","trainingPerMillionTokens":1.25}]}""";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));

        var estimate = TrainingCostEstimator.Estimate("gpt-4.1-mini-2025-04-14", 4_000_000, 2, PriceTable.Load(stream));

        Assert.Equal(10.00m, estimate.EstimatedUsd);
        Assert.Equal("EUR", estimate.Currency);
        Assert.Equal("2030-01-01", estimate.PriceTableDate);
    }

    [Fact]
    public void Estimate_ModelWithoutPrice_SaysWhichModelsHaveOne()
    {
        var error = Assert.Throws<ArgumentException>(() => TrainingCostEstimator.Estimate("gpt-2", 1, 1));

        Assert.Contains("gpt-4o-2024-08-06", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotAPriceTable_IsAFormatError()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("""{"models":"none"}"""));

        Assert.Throws<FormatException>(() => PriceTable.Load(stream));
    }
}
