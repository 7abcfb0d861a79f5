namespace DpoPipeline.Core.Evaluation;

/// <summary>How close an answer is to the preferred and to the non-preferred reference (cosine, 0..1).</summary>
public sealed record SimilarityScore(double ToPreferred, double ToNonPreferred, AnswerLabel Label)
{
    /// <summary>Positive when the answer is closer to the preferred reference.</summary>
    public double Margin => ToPreferred - ToNonPreferred;
}
