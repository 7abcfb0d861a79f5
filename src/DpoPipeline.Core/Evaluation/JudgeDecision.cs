namespace DpoPipeline.Core.Evaluation;

/// <summary>
/// The judge's outcome for one example, with both raw verdicts: <paramref name="BaseFirst"/> was given with the base
/// answer as A, <paramref name="FineTunedFirst"/> with the fine-tuned answer as A.
/// </summary>
public sealed record JudgeDecision(PairOutcome Outcome, JudgeChoice BaseFirst, JudgeChoice FineTunedFirst, TokenUsage Usage)
{
    /// <summary>True when the two orderings disagreed, i.e. the verdict followed the position, not the answer.</summary>
    public bool Inconsistent => Vote(BaseFirst, fineTunedIs: JudgeChoice.B) != Vote(FineTunedFirst, fineTunedIs: JudgeChoice.A);

    /// <summary>
    /// Combines the two orderings: the fine-tuned model wins or loses only if both agree; any disagreement
    /// (including one tie) is a tie, which cancels the judge's preference for a position.
    /// </summary>
    public static PairOutcome Combine(JudgeChoice baseFirst, JudgeChoice fineTunedFirst)
    {
        var first = Vote(baseFirst, fineTunedIs: JudgeChoice.B);
        var second = Vote(fineTunedFirst, fineTunedIs: JudgeChoice.A);
        return first == second ? first : PairOutcome.Tie;
    }

    private static PairOutcome Vote(JudgeChoice choice, JudgeChoice fineTunedIs) =>
        choice == JudgeChoice.Tie ? PairOutcome.Tie
        : choice == fineTunedIs ? PairOutcome.Win
        : PairOutcome.Loss;
}
