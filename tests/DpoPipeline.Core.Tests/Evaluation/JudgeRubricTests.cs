using DpoPipeline.Core.Evaluation;
using Xunit;

namespace DpoPipeline.Core.Tests.Evaluation;

public sealed class JudgeRubricTests
{
    private static readonly IReadOnlyList<ChatTurn> Conversation =
    [
        new("system", "You are helpful."),
        new("user", "Hi."),
        new("assistant", "Hello!"),
        new("user", "Is humanity capable of colonizing Mars?\nBe brief."),
    ];

    [Fact]
    public void PairwiseV1_IsLoadedFromItsVersionedFile()
    {
        var rubric = JudgeRubric.PairwiseV1;

        Assert.Equal("pairwise-v1", rubric.Version);
        Assert.StartsWith("You are an impartial judge.", rubric.System, StringComparison.Ordinal);
        Assert.EndsWith("Answer with exactly one word: A, B or TIE.", rubric.System, StringComparison.Ordinal);
        Assert.Contains("{candidate_a}", rubric.UserTemplate, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildPrompt_ThenTryRead_GivesBackTheLastUserMessageAndBothCandidates()
    {
        var prompt = JudgeRubric.PairwiseV1.BuildPrompt(Conversation, "Yes, eventually.", "No.\nNever.");

        Assert.True(JudgeRubric.PairwiseV1.TryRead(prompt, out var content));
        Assert.Equal(new JudgePromptContent("Is humanity capable of colonizing Mars?\nBe brief.", "Yes, eventually.", "No.\nNever."), content);
        Assert.Equal(("system", "user"), (prompt[0].Role, prompt[1].Role));
        Assert.Contains("[assistant] Hello!", prompt[1].Content, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildPrompt_ReplyThatLooksLikeAPlaceholder_IsLeftAsItIs()
    {
        var prompt = JudgeRubric.PairwiseV1.BuildPrompt(Conversation, "{candidate_b}", "B's text");

        Assert.True(JudgeRubric.PairwiseV1.TryRead(prompt, out var content));
        Assert.Equal(("{candidate_b}", "B's text"), (content.CandidateA, content.CandidateB));
    }

    [Fact]
    public void TryRead_OtherMessages_IsFalse()
    {
        Assert.False(JudgeRubric.PairwiseV1.TryRead([new ChatTurn("user", "Which is better, A or B?")], out _));
        Assert.False(JudgeRubric.PairwiseV1.TryRead([new ChatTurn("system", "Another rubric."), new ChatTurn("user", "<candidate_a>x</candidate_a>")], out _));
    }
}
