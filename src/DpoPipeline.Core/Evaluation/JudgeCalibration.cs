namespace DpoPipeline.Core.Evaluation;

/// <summary>
/// How often the judge agreed with the dataset's own labels when it compared held-out pairs' chosen and rejected
/// replies (both orders, as it judges the models). A disagreement between the two orders counts as a tie, and a tie
/// counts against the judge: <see cref="Agreement"/> = agreements / judged pairs.
/// </summary>
/// <param name="MinimumAgreement">Below this the judge's win rate is flagged unreliable.</param>
public sealed record JudgeCalibration(int Agreements, int Disagreements, int Ties, double MinimumAgreement)
{
    /// <summary>Pairs with two valid verdicts.</summary>
    public int Judged => Agreements + Disagreements + Ties;

    /// <summary>Null when no pair was judged.</summary>
    public double? Agreement => Judged == 0 ? null : (double)Agreements / Judged;

    /// <summary>95 % Wilson score interval of <see cref="Agreement"/>.</summary>
    public ProportionInterval? AgreementInterval => Judged == 0 ? null : ProportionInterval.Wilson(Agreements, Judged);

    /// <summary>True when the measured agreement reaches <see cref="MinimumAgreement"/>; false when it does not or was not measured.</summary>
    public bool IsReliable => Agreement >= MinimumAgreement;

    public static JudgeCalibration From(IEnumerable<PairOutcome> outcomes, double minimumAgreement)
    {
        // The chosen reply plays the fine-tuned part, so a win is an agreement with the label.
        var summary = ComparisonSummary.From(outcomes);
        return new JudgeCalibration(summary.Wins, summary.Losses, summary.Ties, minimumAgreement);
    }
}
