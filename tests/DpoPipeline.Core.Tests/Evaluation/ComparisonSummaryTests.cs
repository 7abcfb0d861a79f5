using DpoPipeline.Core.Evaluation;
using Xunit;

namespace DpoPipeline.Core.Tests.Evaluation;

public sealed class ComparisonSummaryTests
{
    [Fact]
    public void From_TiesAreReportedButLeftOutOfTheWinRate()
    {
        var outcomes = Enumerable.Repeat(PairOutcome.Win, 6)
            .Concat(Enumerable.Repeat(PairOutcome.Loss, 2))
            .Concat(Enumerable.Repeat(PairOutcome.Tie, 5));

        var summary = ComparisonSummary.From(outcomes);

        Assert.Equal((6, 2, 5, 13), (summary.Wins, summary.Losses, summary.Ties, summary.Compared));
        Assert.Equal(0.75, summary.WinRate);
        Assert.Equal(ProportionInterval.Wilson(6, 8), summary.WinRateInterval);
    }

    [Fact]
    public void From_OnlyTies_HasNoWinRate()
    {
        var summary = ComparisonSummary.From([PairOutcome.Tie, PairOutcome.Tie]);

        Assert.Null(summary.WinRate);
        Assert.Null(summary.WinRateInterval);
        Assert.Equal(2, summary.Ties);
    }
}
