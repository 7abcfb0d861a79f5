using DpoPipeline.Core.Evaluation;
using Xunit;

namespace DpoPipeline.Core.Tests.Evaluation;

public sealed class PairwiseJudgeTests
{
    private static readonly EvaluationPair Pair = new(
        [new ChatTurn("user", "Is humanity capable of colonizing Mars?")],
        "Yes, with collaboration it is within reach.",
        "No, the challenges are insurmountable.");

    [Theory]
    [InlineData(JudgeChoice.B, JudgeChoice.A, PairOutcome.Win)]
    [InlineData(JudgeChoice.A, JudgeChoice.B, PairOutcome.Loss)]
    [InlineData(JudgeChoice.A, JudgeChoice.A, PairOutcome.Tie)]
    [InlineData(JudgeChoice.B, JudgeChoice.B, PairOutcome.Tie)]
    [InlineData(JudgeChoice.Tie, JudgeChoice.A, PairOutcome.Tie)]
    [InlineData(JudgeChoice.B, JudgeChoice.Tie, PairOutcome.Tie)]
    [InlineData(JudgeChoice.Tie, JudgeChoice.Tie, PairOutcome.Tie)]
    public void Combine_CountsOnlyVerdictsThatSurviveTheSwap(JudgeChoice baseFirst, JudgeChoice fineTunedFirst, PairOutcome expected) =>
        Assert.Equal(expected, JudgeDecision.Combine(baseFirst, fineTunedFirst));

    [Fact]
    public async Task Judge_AsksTwiceWithTheCandidatesSwapped()
    {
        var judge = new ScriptedAnswerSource("judge", _ => "TIE");

        await new PairwiseJudge(judge).JudgeAsync(Pair.Messages, "BASE ANSWER", "TUNED ANSWER", TestContext.Current.CancellationToken);

        Assert.Equal(2, judge.Calls.Count);
        Assert.Equal(("BASE ANSWER", "TUNED ANSWER"), Candidates(judge.Calls[0]));
        Assert.Equal(("TUNED ANSWER", "BASE ANSWER"), Candidates(judge.Calls[1]));
        // Reference-free: the judge never sees which reply the dataset preferred.
        Assert.All(judge.Calls, call => Assert.DoesNotContain(Pair.Preferred, call[1].Content, StringComparison.Ordinal));
        Assert.All(judge.Calls, call => Assert.Contains(Pair.Messages[0].Content, call[1].Content, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Judge_ThatAlwaysPicksPositionA_GivesATie()
    {
        var judge = new ScriptedAnswerSource("judge", _ => "A");

        var decision = await new PairwiseJudge(judge).JudgeAsync(Pair.Messages, "base", "tuned", TestContext.Current.CancellationToken);

        Assert.Equal(PairOutcome.Tie, decision.Outcome);
        Assert.True(decision.Inconsistent);
    }

    [Fact]
    public async Task Judge_ThatFollowsTheAnswer_GivesTheSameVerdictInBothOrders()
    {
        // Picks whichever position holds the answer that agrees with the preferred reference.
        var judge = new ScriptedAnswerSource("judge", messages =>
            Candidates(messages).A.StartsWith("Yes", StringComparison.Ordinal) ? "A" : "B");

        var win = await new PairwiseJudge(judge).JudgeAsync(Pair.Messages, "No way.", "Yes, soon.", TestContext.Current.CancellationToken);
        var loss = await new PairwiseJudge(judge).JudgeAsync(Pair.Messages, "Yes, soon.", "No way.", TestContext.Current.CancellationToken);

        Assert.Equal((PairOutcome.Win, JudgeChoice.B, JudgeChoice.A, false), (win.Outcome, win.BaseFirst, win.FineTunedFirst, win.Inconsistent));
        Assert.Equal(PairOutcome.Loss, loss.Outcome);
    }

    [Theory]
    [InlineData("A", JudgeChoice.A)]
    [InlineData(" b.\n", JudgeChoice.B)]
    [InlineData("**TIE**", JudgeChoice.Tie)]
    [InlineData("Verdict: B", JudgeChoice.B)]
    public void ParseChoice_ReadsTheVerdictWord(string reply, JudgeChoice expected) =>
        Assert.Equal(expected, PairwiseJudge.ParseChoice(reply));

    [Theory]
    [InlineData("")]
    [InlineData("I think A is better")]
    [InlineData("C")]
    public void ParseChoice_WithoutAVerdict_FailsWithTheReply(string reply)
    {
        var error = Assert.Throws<FormatException>(() => PairwiseJudge.ParseChoice(reply));
        Assert.Contains("A, B or TIE", error.Message, StringComparison.Ordinal);
    }

    private static (string A, string B) Candidates(IReadOnlyList<ChatTurn> judgePrompt) =>
        JudgeRubric.PairwiseV1.TryRead(judgePrompt, out var content) ? (content.CandidateA, content.CandidateB) : throw new InvalidOperationException("Not a rubric prompt.");
}
