namespace DpoPipeline.Core.Evaluation;

/// <summary>
/// The win rate with answer length taken out (the AlpacaEval 2 idea): a logistic regression of each decisive outcome
/// (win 1, loss 0) on the token difference fine-tuned − base, read at a difference of zero. The interval is the 95 %
/// Wald interval of the intercept, mapped through the logistic function.
/// </summary>
/// <param name="Method">The outcomes regressed: the headline's (the judge's, else the lexical proxy's).</param>
/// <param name="Pairs">Decisive comparisons with both answers' lengths.</param>
/// <param name="LogOddsPer100Tokens">How much 100 more tokens in the fine-tuned answer moved the odds of a win (log-odds).</param>
public sealed record LengthControlledWinRate(EvaluationMethod Method, int Pairs, double WinRate, ProportionInterval Interval, double LogOddsPer100Tokens)
{
    private const double Z95 = 1.96;

    /// <summary>Null when the regression has no estimate (e.g. only wins, equal lengths throughout, or separation by length).</summary>
    public static LengthControlledWinRate? Fit(EvaluationMethod method, IReadOnlyList<(PairOutcome Outcome, int TokenDifference)> comparisons)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var decisive = comparisons.Where(c => c.Outcome != PairOutcome.Tie).ToList();
        if (LogisticRegression.Fit([.. decisive.Select(c => (double)c.TokenDifference)], [.. decisive.Select(c => c.Outcome == PairOutcome.Win)]) is not { } fit)
        {
            return null;
        }

        var halfWidth = Z95 * Math.Sqrt(fit.InterceptVariance);
        return new LengthControlledWinRate(
            method,
            decisive.Count,
            LogisticRegression.Sigmoid(fit.Intercept),
            new ProportionInterval(LogisticRegression.Sigmoid(fit.Intercept - halfWidth), LogisticRegression.Sigmoid(fit.Intercept + halfWidth)),
            fit.Slope * 100);
    }
}
