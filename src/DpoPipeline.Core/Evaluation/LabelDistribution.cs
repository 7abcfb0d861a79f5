namespace DpoPipeline.Core.Evaluation;

/// <summary>How many of one model's answers were preferred-like, non-preferred-like or neither by the lexical proxy.</summary>
public sealed record LabelDistribution(int PreferredLike, int NonPreferredLike, int Neither)
{
    public int Total => PreferredLike + NonPreferredLike + Neither;

    public int this[AnswerLabel label] => label switch
    {
        AnswerLabel.PreferredLike => PreferredLike,
        AnswerLabel.NonPreferredLike => NonPreferredLike,
        _ => Neither,
    };

    public static LabelDistribution From(IEnumerable<AnswerLabel> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var list = labels.ToList();
        return new LabelDistribution(
            list.Count(l => l == AnswerLabel.PreferredLike),
            list.Count(l => l == AnswerLabel.NonPreferredLike),
            list.Count(l => l == AnswerLabel.Neither));
    }
}
