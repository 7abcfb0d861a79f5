namespace DpoPipeline.Emulator;

/// <summary>
/// How any deployment answers when asked the judge rubric about a prompt the emulator holds a pair for: with
/// probability <see cref="PositionBias"/> it answers A whatever is shown; otherwise it picks the candidate that is the
/// pair's chosen reply with probability <see cref="Accuracy"/>. Two candidates of the same kind are a TIE.
/// </summary>
public sealed class EmulatedJudgeBehaviour
{
    /// <summary>Probability of picking the chosen reply over the rejected one, per call (0..1).</summary>
    public double Accuracy { get; set; } = 0.9;

    /// <summary>Probability of answering A regardless of the candidates, per call (0..1).</summary>
    public double PositionBias { get; set; }

    internal void Validate()
    {
        if (Accuracy is < 0 or > 1 || double.IsNaN(Accuracy) || PositionBias is < 0 or > 1 || double.IsNaN(PositionBias))
        {
            throw new ArgumentOutOfRangeException(nameof(EmulatedJudgeBehaviour), "Judge:Accuracy and Judge:PositionBias must be between 0 and 1.");
        }
    }
}
