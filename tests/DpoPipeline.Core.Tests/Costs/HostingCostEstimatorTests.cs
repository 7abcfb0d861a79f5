using DpoPipeline.Core.Costs;
using Xunit;

namespace DpoPipeline.Core.Tests.Costs;

public sealed class HostingCostEstimatorTests
{
    [Theory]
    [InlineData("standard", 24, 40.80)]
    [InlineData("GlobalStandard", 2.5, 5.10)]
    [InlineData("developertier", 72, 0)]
    public void Estimate_BillsEveryStartedHourAtTheSkusHourlyFee(string sku, double hours, double usd)
    {
        var estimate = HostingCostEstimator.Estimate("gpt-4.1-mini-2025-04-14", sku, TimeSpan.FromHours(hours), PriceTable.Default);

        Assert.Equal((decimal)usd, estimate);
    }

    [Fact]
    public void Estimate_ForASkuTheTableDoesNotPrice_UsesItsHighestHourlyFee()
    {
        using var json = new MemoryStream("""
            { "sourceDate": "2026-01-01", "source": "test", "currency": "USD", "note": "",
              "models": [ { "model": "m", "trainingPerMillionTokens": 1, "hostingPerHour": { "standard": 2.00, "developertier": 0 } },
                          { "model": "n", "trainingPerMillionTokens": 1, "hostingPerHour": { "standard": 3.00 } } ] }
            """u8.ToArray());
        var prices = PriceTable.Load(json);

        Assert.Equal(30.00m, HostingCostEstimator.Estimate("m", "globalstandard", TimeSpan.FromHours(10), prices));
    }
}
