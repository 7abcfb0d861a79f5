using DpoPipeline.Core.Evaluation;
using Xunit;

namespace DpoPipeline.Core.Tests.Evaluation;

public sealed class LexicalProxyScorerTests
{
    private const string Preferred = "With technological progress and international collaboration, Mars colonization is within our reach.";
    private const string NonPreferred = "The challenges are insurmountable, making Mars colonization a distant dream.";

    private readonly LexicalProxyScorer _scorer = new();

    [Fact]
    public void Score_AnswerEqualToPreferred_IsPreferredLikeWithFullSimilarity()
    {
        var score = _scorer.Score(Preferred, Preferred, NonPreferred);

        Assert.Equal(1.0, score.ToPreferred, 9);
        Assert.True(score.ToNonPreferred < 0.5);
        Assert.True(score.Margin > 0.5);
        Assert.Equal(AnswerLabel.PreferredLike, score.Label);
    }

    [Fact]
    public void Score_ParaphraseOfNonPreferred_IsNonPreferredLike()
    {
        var score = _scorer.Score("Challenges are insurmountable; Mars colonization stays a distant dream.", Preferred, NonPreferred);

        Assert.Equal(AnswerLabel.NonPreferredLike, score.Label);
        Assert.True(score.Margin < 0);
    }

    [Fact]
    public void Score_UnrelatedAnswer_IsNeither()
    {
        var score = _scorer.Score("42", Preferred, NonPreferred);

        Assert.Equal(AnswerLabel.Neither, score.Label);
    }

    [Fact]
    public void Score_AnswerMixingBothReferences_IsNeitherWhenTheMarginIsBelowTheThreshold()
    {
        var mixed = Preferred + " " + NonPreferred;
        var lenient = new LexicalProxyScorer().Score(mixed, Preferred, NonPreferred);
        var strict = new LexicalProxyScorer(new LexicalProxyOptions { MinMargin = lenient.Margin + 0.01 }).Score(mixed, Preferred, NonPreferred);

        Assert.InRange(lenient.Margin, 0, 0.2);
        Assert.Equal(AnswerLabel.Neither, strict.Label);
    }

    [Fact]
    public void Similarity_IgnoresCaseAndWhitespace() =>
        Assert.Equal(1.0, _scorer.Similarity("Mars  colonization\nIS near", "mars colonization is NEAR"), 9);

    [Fact]
    public void Score_WorksOnTextWithoutSpaces()
    {
        var score = _scorer.Score("多喝水，注意休息。", "建议多喝水，注意休息。", "立即去医院做手术。");

        Assert.Equal(AnswerLabel.PreferredLike, score.Label);
    }

    [Fact]
    public void Similarity_EmptyText_IsZero() => Assert.Equal(0, _scorer.Similarity("", "anything"));
}
