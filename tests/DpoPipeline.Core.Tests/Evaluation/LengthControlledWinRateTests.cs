using DpoPipeline.Core.Evaluation;
using Xunit;

namespace DpoPipeline.Core.Tests.Evaluation;

public sealed class LengthControlledWinRateTests
{
    [Fact]
    public void Fit_WinsThatComeFromLengthAlone_ReadsAbout50PercentAtEqualLength()
    {
        // Whenever the fine-tuned answer is 100 tokens longer it wins 80 % of the time, whenever 100 shorter it loses
        // 80 %: the raw win rate is 65 % because it is usually longer, but at equal length there is no preference.
        // With two predictor values the fit goes through both groups' logits, so at 0 it reads their midpoint,
        // (logit 0.8 + logit 0.2) / 2 = 0, and the slope is (ln 4 − (−ln 4)) / 200 tokens = ln 4 per 100 tokens.
        var comparisons = Group(+100, wins: 24, losses: 6).Concat(Group(-100, wins: 2, losses: 8)).ToList();

        var lc = LengthControlledWinRate.Fit(EvaluationMethod.Judge, comparisons)!;

        Assert.Equal(26.0 / 40, ComparisonSummary.From(comparisons.Select(c => c.Outcome)).WinRate!.Value, 9);
        Assert.Equal(0.5, lc.WinRate, 9);
        Assert.Equal(Math.Log(4), lc.LogOddsPer100Tokens, 9);
        Assert.Equal((EvaluationMethod.Judge, 40), (lc.Method, lc.Pairs));
        Assert.True(lc.Interval.Lower < 0.5 && 0.5 < lc.Interval.Upper);
    }

    [Fact]
    public void Fit_IgnoresTies()
    {
        var decisive = Group(+10, wins: 3, losses: 1).Concat(Group(-10, wins: 1, losses: 2)).ToList();
        var withTies = decisive.Concat(Enumerable.Repeat((PairOutcome.Tie, 500), 7)).ToList();

        Assert.Equal(LengthControlledWinRate.Fit(EvaluationMethod.LexicalProxy, decisive), LengthControlledWinRate.Fit(EvaluationMethod.LexicalProxy, withTies));
    }

    [Fact]
    public void Fit_AllWins_HasNoEstimate() =>
        Assert.Null(LengthControlledWinRate.Fit(EvaluationMethod.Judge, [.. Group(+5, wins: 4, losses: 0), .. Group(-5, wins: 3, losses: 0)]));

    private static IEnumerable<(PairOutcome Outcome, int TokenDifference)> Group(int tokenDifference, int wins, int losses) =>
        Enumerable.Repeat((PairOutcome.Win, tokenDifference), wins).Concat(Enumerable.Repeat((PairOutcome.Loss, tokenDifference), losses));
}
