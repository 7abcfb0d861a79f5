using DpoPipeline.Core.Sweeps;
using Xunit;

namespace DpoPipeline.Core.Tests.Sweeps;

public sealed class SweepWinnerRuleTests
{
    [Fact(Timeout = 10_000)]
    public void Pick_HighestWinRateWins_WhateverItsValidationLoss()
    {
        var decision = SweepWinnerRule.Pick(
        [
            new(1, "beta=0.05", true, 0.6, 0.1),
            new(2, "beta=0.1", true, 0.9, 0.5),
            new(3, "beta=0.2", true, 0.7, 0.2),
        ]);

        Assert.Equal(2, decision.WinnerIndex);
        Assert.Equal("v2 (beta=0.1) won: the highest win rate against the base model, 90.0% (next: v3 at 70.0%).", decision.Reason);
    }

    [Fact(Timeout = 10_000)]
    public void Pick_EqualWinRates_GoToTheLowerValidationLoss()
    {
        var decision = SweepWinnerRule.Pick([new(1, "beta=0.05", true, 0.75, 0.3), new(2, "beta=0.1", true, 0.75, 0.2)]);

        Assert.Equal(2, decision.WinnerIndex);
        Assert.Equal("v2 (beta=0.1) won: it ties v1 at a win rate of 75.0% and has the lower final validation loss (0.2 vs 0.3).", decision.Reason);
    }

    [Fact(Timeout = 10_000)]
    public void Pick_WithoutWinRates_LowestValidationLossDecides()
    {
        var decision = SweepWinnerRule.Pick([new(1, "lr=0.5", true, null, 0.31), new(2, "lr=1", true, null, 0.22), new(3, "lr=2", true, null, null)]);

        Assert.Equal(2, decision.WinnerIndex);
        Assert.Contains("lowest final validation loss, 0.22 (next: v1 at 0.31)", decision.Reason, StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public void Pick_FailedVariantsNeverWin_AndAllFailedPicksNone()
    {
        Assert.Equal(3, SweepWinnerRule.Pick([new(1, "a", false, 0.99, 0.01), new(2, "b", false, null, null), new(3, "c", true, 0.2, 0.9)]).WinnerIndex);

        var none = SweepWinnerRule.Pick([new(1, "a", false, null, null), new(2, "b", false, null, null)]);

        Assert.Null(none.WinnerIndex);
        Assert.Equal("All 2 variant(s) failed; nothing was deployed.", none.Reason);
    }
}
