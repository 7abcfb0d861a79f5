using DpoPipeline.Core.Evaluation;
using Xunit;

namespace DpoPipeline.Core.Tests.Evaluation;

public sealed class EvaluationPlannerTests
{
    // One token per character keeps the expected numbers easy to compute by hand.
    private readonly EvaluationPlanner _planner = new(text => text.Length);

    private static readonly EvaluationPair Pair = new([new ChatTurn("system", "12345"), new ChatTurn("user", "1234567890")], "abcdefgh", "abc");

    [Fact]
    public void Plan_WithoutJudge_CountsTwoAnswersPerExample()
    {
        var plan = _planner.Plan([Pair, Pair], withJudge: false);

        // Prompt: (3 + 5) + (3 + 10) + 3 = 24 tokens, asked twice per example; answers as long as the longer reference (8).
        Assert.Equal(new EvaluationPlan(2, 4, 0, 2 * 2 * 24, 2 * 2 * 8), plan);
        Assert.Equal(4, plan.Calls);
    }

    [Fact]
    public void Plan_AnswerLengthIsCappedAtTheOutputLimit()
    {
        var plan = _planner.Plan([Pair], withJudge: false, new ChatAnswerOptions { MaxOutputTokens = 5 });

        Assert.Equal(2 * 5, plan.EstimatedOutputTokens);
    }

    [Fact]
    public void Plan_WithJudge_AddsTwoJudgeCallsPerExample()
    {
        var withJudge = _planner.Plan([Pair], withJudge: true);
        var without = _planner.Plan([Pair], withJudge: false);
        var judgePrompt = JudgeRubric.PairwiseV1.BuildPrompt(Pair.Messages, Pair.Preferred, Pair.NonPreferred);
        var judgePromptTokens = judgePrompt.Sum(m => 3 + m.Content.Length) + 3;

        Assert.Equal(2, withJudge.JudgeCalls);
        Assert.Equal(4, withJudge.Calls);
        Assert.Equal(without.EstimatedInputTokens + (2 * judgePromptTokens), withJudge.EstimatedInputTokens);
        Assert.Equal(without.EstimatedOutputTokens + 4, withJudge.EstimatedOutputTokens);
    }

    [Fact]
    public void Plan_WithJudgeCalibration_AddsTwoJudgeCallsPerCalibrationPair()
    {
        var pairs = Enumerable.Repeat(Pair, 10).ToList();

        var calibrated = _planner.Plan(pairs, withJudge: true, calibrationPairs: 4);
        var uncalibrated = _planner.Plan(pairs, withJudge: true);

        Assert.Equal(uncalibrated.JudgeCalls + 8, calibrated.JudgeCalls);
        Assert.Equal(uncalibrated.EstimatedOutputTokens + (8 * 2), calibrated.EstimatedOutputTokens); // a verdict is two tokens
        Assert.True(calibrated.EstimatedInputTokens > uncalibrated.EstimatedInputTokens);
    }

    [Fact]
    public void EstimateCostUsd_AppliesPerMillionPrices()
    {
        var plan = new EvaluationPlan(1, 2, 0, 2_000_000, 500_000);

        Assert.Equal(2 * 0.40m + (0.5m * 1.60m), plan.EstimateCostUsd(0.40m, 1.60m));
    }

    [Fact]
    public async Task Plan_DefaultCounter_CountsRealTokens()
    {
        var pairs = await TestPairs.ReadAsync(10);

        var plan = new EvaluationPlanner().Plan(pairs, withJudge: false);

        // Ten short questions: each prompt is a handful of tokens plus 6 tokens of chat overhead.
        Assert.InRange(plan.EstimatedInputTokens, 2 * 10 * 10, 2 * 10 * 30);
        Assert.InRange(plan.EstimatedOutputTokens, 2 * 10 * 8, 2 * 10 * 30);
    }
}
