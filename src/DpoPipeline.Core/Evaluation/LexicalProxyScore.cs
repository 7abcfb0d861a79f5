namespace DpoPipeline.Core.Evaluation;

/// <summary>How close an answer's wording is to the preferred and to the non-preferred reference (cosine, 0..1): a proxy, not a quality score.</summary>
public sealed record LexicalProxyScore(double ToPreferred, double ToNonPreferred, AnswerLabel Label)
{
    /// <summary>Positive when the answer is closer to the preferred reference.</summary>
    public double Margin => ToPreferred - ToNonPreferred;
}
