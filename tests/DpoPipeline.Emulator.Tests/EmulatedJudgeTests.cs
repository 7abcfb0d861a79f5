using System.Net;
using System.Text.Json;
using DpoPipeline.Core.Evaluation;
using DpoPipeline.Emulator.Chat;
using Xunit;

namespace DpoPipeline.Emulator.Tests;

/// <summary>Any deployment asked the judge rubric judges from ground truth: which candidate is the pair's chosen reply.</summary>
public sealed class EmulatedJudgeTests
{
    private const string Question = "Will AI lead to mass unemployment in the future?";
    private const string Chosen = "AI will create new job opportunities and enhance productivity across various sectors.";
    private const string Rejected = "AI's advancement will result in significant job losses and economic disruption.";

    [Theory]
    [InlineData(1.0, "A", "B")] // always picks the chosen reply, wherever it is shown
    [InlineData(0.0, "B", "A")] // always picks the rejected one
    public async Task Judge_PicksTheChosenReplyWithItsAccuracy(double accuracy, string chosenFirst, string chosenSecond)
    {
        await using var session = await JudgeSessionAsync(o => o.Models.Judge.Accuracy = accuracy);

        Assert.Equal(chosenFirst, await VerdictAsync(session, Question, Chosen, Rejected));
        Assert.Equal(chosenSecond, await VerdictAsync(session, Question, Rejected, Chosen));
    }

    [Fact]
    public async Task Judge_WithFullPositionBias_AlwaysAnswersA()
    {
        await using var session = await JudgeSessionAsync(o => (o.Models.Judge.Accuracy, o.Models.Judge.PositionBias) = (1, 1));

        Assert.Equal("A", await VerdictAsync(session, Question, Chosen, Rejected));
        Assert.Equal("A", await VerdictAsync(session, Question, Rejected, Chosen));
    }

    [Fact]
    public async Task Judge_TwoRepliesOfTheSameKind_IsATie_EvenIfOneIsLonger()
    {
        await using var session = await JudgeSessionAsync();

        Assert.Equal("TIE", await VerdictAsync(session, Question, Chosen, Chosen + " " + Chosen));
    }

    [Fact]
    public async Task Judge_PromptWithoutAPair_SaysItHasNoGroundTruth()
    {
        await using var session = await JudgeSessionAsync();

        Assert.Equal(EmulatedJudge.NoGroundTruth, await VerdictAsync(session, "A question nobody uploaded?", Chosen, Rejected));
    }

    [Fact]
    public async Task Judge_At90Percent_IsRightOnAbout90PercentOfCalls()
    {
        await using var session = await JudgeSessionAsync(o => o.Models.Judge.Accuracy = 0.9);
        var pairs = await ChatCompletionTests.PairsAsync();

        var right = 0;
        foreach (var (prompt, preferred, rejected) in pairs)
        {
            right += await VerdictAsync(session, prompt, preferred, rejected) == "A" ? 1 : 0;
            right += await VerdictAsync(session, prompt, rejected, preferred) == "B" ? 1 : 0;
        }

        // 400 independent draws at 0.9: 360 expected, standard deviation 6; ±24 is four of them.
        Assert.InRange(right, 360 - 24, 360 + 24);
    }

    private static async Task<EmulatorSession> JudgeSessionAsync(Action<EmulatorOptions>? configure = null)
    {
        var session = await EmulatorSession.StartAsync(configure);
        await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);
        await ChatCompletionTests.DeployAndWaitAsync(session, "judge", "gpt-4.1-2025-04-14");
        return session;
    }

    private static async Task<string> VerdictAsync(EmulatorSession session, string question, string candidateA, string candidateB)
    {
        var prompt = JudgeRubric.PairwiseV1.BuildPrompt([new ChatTurn("user", question)], candidateA, candidateB);
        var body = JsonSerializer.Serialize(new { model = "judge", messages = prompt.Select(m => new { role = m.Role, content = m.Content }) });
        using var response = await session.PostJsonAsync("openai/v1/chat/completions", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ChatCompletionTests.Content(await EmulatorSession.ReadJsonAsync(response));
    }
}
