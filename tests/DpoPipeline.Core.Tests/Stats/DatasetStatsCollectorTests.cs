using DpoPipeline.Core.Datasets;
using DpoPipeline.Core.Stats;
using Xunit;

namespace DpoPipeline.Core.Tests.Stats;

public sealed class DatasetStatsCollectorTests
{
    [Fact]
    public async Task Collect_RealDataset_GivesConsistentDistributions()
    {
        var stats = await DatasetStatsCollector.CollectAsync(TestData.Dataset("orca-dpo-validation.jsonl"), new ValidationOptions(), null, TestContext.Current.CancellationToken);
        var report = await DatasetValidator.ValidateAsync(TestData.Dataset("orca-dpo-validation.jsonl"), new ValidationOptions(), null, TestContext.Current.CancellationToken);

        Assert.Equal(284, stats.Examples);
        Assert.Equal(report.Tokens.TrainTokens, stats.ExampleTokens.Total);
        Assert.Equal(stats.PromptTokens.Total + stats.ChosenTokens.Total + stats.RejectedTokens.Total, stats.ExampleTokens.Total);
        foreach (var d in new[] { stats.PromptTokens, stats.ChosenTokens, stats.RejectedTokens })
        {
            Assert.True(d.Min <= d.P50 && d.P50 <= d.P95 && d.P95 <= d.Max);
            Assert.Equal(284, d.Histogram.Sum(b => b.Count));
            Assert.InRange(d.Histogram.Count, 1, 12);
        }

        Assert.Equal(284, stats.MessagesByRole["system"]);
        Assert.Equal(284, stats.MessagesByRole["user"]);
        Assert.Equal(2, stats.PromptTurns.Max);
    }

    [Fact]
    public void Distribution_UsesNearestRankPercentiles()
    {
        var d = Distribution.Of([.. Enumerable.Range(1, 100)]);

        Assert.Equal((1, 50, 95, 100), (d.Min, d.P50, d.P95, d.Max));
        Assert.Equal(50.5, d.Mean);
        Assert.Equal(100, d.Histogram.Sum(b => b.Count));
    }

    [Fact]
    public void Distribution_OfNothing_IsEmpty()
    {
        Assert.Equal(0, Distribution.Of([]).Count);
    }
}
