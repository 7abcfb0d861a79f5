namespace DpoPipeline.Core.Evaluation;

/// <summary>
/// Wins, losses and ties of the fine-tuned model against the base model. The win rate is wins / (wins + losses):
/// ties carry no preference and are reported separately, never counted as half a win.
/// </summary>
public sealed record ComparisonSummary(int Wins, int Losses, int Ties)
{
    public static ComparisonSummary Empty { get; } = new(0, 0, 0);

    /// <summary>Examples that had a verdict, ties included.</summary>
    public int Compared => Wins + Losses + Ties;

    /// <summary>Wins over decisive comparisons; null when nothing was decisive.</summary>
    public double? WinRate => Wins + Losses == 0 ? null : (double)Wins / (Wins + Losses);

    /// <summary>95 % Wilson score interval of <see cref="WinRate"/>; null when nothing was decisive.</summary>
    public ProportionInterval? WinRateInterval => Wins + Losses == 0 ? null : ProportionInterval.Wilson(Wins, Wins + Losses);

    public static ComparisonSummary From(IEnumerable<PairOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        int wins = 0, losses = 0, ties = 0;
        foreach (var outcome in outcomes)
        {
            switch (outcome)
            {
                case PairOutcome.Win: wins++; break;
                case PairOutcome.Loss: losses++; break;
                default: ties++; break;
            }
        }

        return new ComparisonSummary(wins, losses, ties);
    }
}
