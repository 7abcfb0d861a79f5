using DpoPipeline.Core.Evaluation;
using Xunit;

namespace DpoPipeline.Core.Tests.Evaluation;

public sealed class PairwiseEvaluatorTests
{
    private static readonly EvaluationOptions FastRetries = new() { RetryDelay = TimeSpan.Zero };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Evaluate_FineTunedAnswersPreferred_WinsEveryExample()
    {
        var pairs = await TestPairs.ReadAsync(12);
        var (baseModel, fineTuned) = ModelsThatLearnt(pairs);

        var result = await new PairwiseEvaluator(baseModel, fineTuned, options: FastRetries).EvaluateAsync(pairs, Token);

        Assert.Equal(("base", "tuned", 12), (result.BaseDeployment, result.FineTunedDeployment, result.PairCount));
        Assert.Equal(new ComparisonSummary(12, 0, 0), result.LexicalProxy);
        Assert.Equal(1.0, result.LexicalProxy.WinRate);
        Assert.Null(result.Judge);
        Assert.Equal(new LabelDistribution(12, 0, 0), result.FineTunedLabels);
        Assert.Equal(12, result.BaseLabels.NonPreferredLike);
        Assert.Empty(result.Failures);
        Assert.Empty(result.PerCategory);
        Assert.Equal(pairs.Select(p => p.Preferred), result.Pairs.Select(p => p.FineTunedAnswer));
        Assert.Equal(pairs.Select(p => p.Messages[^1].Content), result.Pairs.Select(p => p.Prompt));
        Assert.Equal(pairs.Sum(p => p.Preferred.Length), result.Usage.FineTuned.OutputTokens);
    }

    [Fact]
    public async Task Evaluate_WithJudge_CalibratesItThenReportsItsVerdictsAlongsideTheLexicalProxy()
    {
        var pairs = await TestPairs.ReadAsync(6);
        var (baseModel, fineTuned) = ModelsThatLearnt(pairs);
        var judge = new ScriptedAnswerSource("judge", m => PicksPreferred(pairs, m));

        var result = await new PairwiseEvaluator(baseModel, fineTuned, judge, FastRetries with { Seed = 11 }).EvaluateAsync(pairs, Token);

        Assert.Equal("judge", result.JudgeDeployment);
        Assert.Equal(new JudgeCalibration(6, 0, 0, 0.70), result.JudgeCalibration);
        Assert.Equal(new ComparisonSummary(6, 0, 0), result.Judge);
        Assert.Equal(12 + 12, judge.Calls.Count); // both orders, on the 6 calibration pairs and on the 6 evaluated pairs
        Assert.All(judge.Seeds, seed => Assert.Equal(11, seed));
        Assert.Same(result.Judge, result.Headline);
        Assert.False(result.IsJudgeUnreliable);
        Assert.Equal((EvaluationMethod.Judge, "judge", JudgeRubric.PairwiseV1Version, 6), (result.Provenance!.Method, result.Provenance.JudgeDeployment, result.Provenance.RubricVersion, result.Provenance.CalibrationSampleSize));
        Assert.True(result.Usage.Judge.InputTokens > 0 && result.Usage.JudgeCalibration!.InputTokens > 0);
    }

    [Fact]
    public async Task Result_WithJudgeLengthsAndCost_RoundTripsThroughEvaluationJson()
    {
        var pairs = await TestPairs.ReadAsync(8);
        // The fine-tuned answer to prompt i is i + 1 words of filler after "Good" (a win) or, every third prompt, "Bad"
        // (a loss), so wins and losses overlap in length and the length regression has an estimate.
        int IndexOf(IReadOnlyList<ChatTurn> m) => pairs.ToList().FindIndex(p => p.Messages[^1].Content == m[^1].Content);
        var baseModel = new ScriptedAnswerSource("base", _ => "A plain answer.");
        var fineTuned = new ScriptedAnswerSource("tuned", m => (IndexOf(m) % 3 == 0 ? "Bad" : "Good") + string.Concat(Enumerable.Repeat(" filler", IndexOf(m) + 1)));
        var judge = new ScriptedAnswerSource("judge", m =>
        {
            Assert.True(JudgeRubric.PairwiseV1.TryRead(m, out var shown));
            return shown.CandidateA.StartsWith("Good", StringComparison.Ordinal) ? "A"
                : shown.CandidateB.StartsWith("Good", StringComparison.Ordinal) ? "B"
                : shown.CandidateA.StartsWith("Bad", StringComparison.Ordinal) ? "B" : "A";
        });
        var options = FastRetries with
        {
            Seed = 3,
            Service = EvaluationService.FromEndpoint(new Uri("https://acct.openai.azure.com/")),
            Models = new DpoPipeline.Core.Costs.EvaluationModels("gpt-4.1-mini-2025-04-14", "gpt-4.1-mini-2025-04-14.ft-1", "gpt-4.1-2025-04-14"),
        };
        var result = await new PairwiseEvaluator(baseModel, fineTuned, judge, options).EvaluateAsync(pairs, Token);

        var json = System.Text.Json.JsonSerializer.Serialize(result, DpoPipeline.Core.Reports.RunReportJson.Options);
        var read = System.Text.Json.JsonSerializer.Deserialize<EvaluationResult>(json, DpoPipeline.Core.Reports.RunReportJson.Options)!;

        Assert.Equal(result.Provenance, read.Provenance);
        Assert.Equal(result.JudgeCalibration, read.JudgeCalibration);
        Assert.Equal(result.Lengths, read.Lengths);
        Assert.NotNull(read.LengthControlled);
        Assert.Equal(result.LengthControlled, read.LengthControlled);
        Assert.Equal(result.Cost!.EstimatedTotalUsd, read.Cost!.EstimatedTotalUsd);
        Assert.Equal(result.Caveats, read.Caveats);
        Assert.Contains("\"isEmulated\": false", json, StringComparison.Ordinal);
        Assert.Equal(new ComparisonSummary(5, 3, 0), read.Judge);
    }

    [Fact]
    public async Task Evaluate_JudgeThatOftenDisagreesWithTheLabels_IsFlaggedUnreliable()
    {
        var pairs = await TestPairs.ReadAsync(10);
        var (baseModel, fineTuned) = ModelsThatLearnt(pairs);

        // Right on the first 6 prompts, wrong on the other 4 (in both orders): 60 % agreement, below the 70 % required.
        var judge = new ScriptedAnswerSource("judge", m =>
        {
            var verdict = PicksPreferred(pairs, m);
            Assert.True(JudgeRubric.PairwiseV1.TryRead(m, out var content));
            var index = pairs.ToList().FindIndex(p => p.Messages[^1].Content == content.LastUserMessage);
            return index < 6 ? verdict : verdict == "A" ? "B" : "A";
        });

        var result = await new PairwiseEvaluator(baseModel, fineTuned, judge, FastRetries).EvaluateAsync(pairs, Token);

        Assert.Equal(new JudgeCalibration(6, 4, 0, 0.70), result.JudgeCalibration);
        Assert.Equal(0.6, result.JudgeCalibration!.Agreement);
        Assert.True(result.IsJudgeUnreliable);
        Assert.Contains(result.Caveats, c => c.StartsWith("The judge agreed with the dataset's labels on 60.0% of 10 held-out pairs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Evaluate_SendsTheSeedAndCountsAnswerLengthsInTokens()
    {
        var pairs = await TestPairs.ReadAsync(5);
        var baseModel = new ScriptedAnswerSource("base", _ => "Short.");
        var fineTuned = new ScriptedAnswerSource("tuned", _ => "A much longer answer than the base model gives, in many more tokens.");

        var result = await new PairwiseEvaluator(baseModel, fineTuned, options: FastRetries with { Seed = 42 }).EvaluateAsync(pairs, Token);

        Assert.All(baseModel.Seeds.Concat(fineTuned.Seeds), seed => Assert.Equal(42, seed));
        Assert.Equal(new LengthSummary(5, 2, 2, 2), result.Lengths!.Base); // "Short." is two o200k tokens
        Assert.Equal(5, result.Lengths.FineTuned.Answers);
        Assert.True(result.Lengths.FineTuned.MedianTokens > 10);
        Assert.Equal("o200k_base", result.Lengths.Encoding);
        Assert.All(result.Pairs, p => Assert.Equal(2, p.BaseAnswerTokens));
    }

    [Fact]
    public async Task Evaluate_PositionBiasedJudge_CountsTies()
    {
        var pairs = await TestPairs.ReadAsync(4);
        var (baseModel, fineTuned) = ModelsThatLearnt(pairs);
        var judge = new ScriptedAnswerSource("judge", _ => "A");

        var result = await new PairwiseEvaluator(baseModel, fineTuned, judge, FastRetries).EvaluateAsync(pairs, Token);

        Assert.Equal(new ComparisonSummary(0, 0, 4), result.Judge);
        Assert.Null(result.Judge!.WinRate);
        Assert.Equal(new ComparisonSummary(4, 0, 0), result.LexicalProxy);
    }

    [Fact]
    public async Task Evaluate_TransientFailure_IsRetried()
    {
        var pairs = await TestPairs.ReadAsync(3);
        var attempts = 0;
        var flaky = new ScriptedAnswerSource("tuned", m =>
            Interlocked.Increment(ref attempts) == 1 ? throw new HttpRequestException("connection reset") : TestPairs.For(pairs, m).Preferred);
        var baseModel = new ScriptedAnswerSource("base", m => TestPairs.For(pairs, m).NonPreferred);

        var result = await new PairwiseEvaluator(baseModel, flaky, options: FastRetries).EvaluateAsync(pairs, Token);

        Assert.Empty(result.Failures);
        Assert.Equal(4, flaky.Calls.Count);
        Assert.Equal(3, result.LexicalProxy.Wins);
    }

    [Fact]
    public async Task Evaluate_FailingCalls_AreReportedNotThrown()
    {
        var pairs = await TestPairs.ReadAsync(5);
        var broken = pairs[2].Messages[^1].Content;
        var fineTuned = new ScriptedAnswerSource("tuned", m =>
            m[^1].Content == broken ? throw new InvalidOperationException("content filter") : TestPairs.For(pairs, m).Preferred);
        var baseModel = new ScriptedAnswerSource("base", _ => throw new HttpRequestException("service unavailable"));

        var result = await new PairwiseEvaluator(baseModel, fineTuned, options: FastRetries).EvaluateAsync(pairs, Token);

        Assert.Equal(5, result.PairCount);
        Assert.Equal(15, baseModel.Calls.Count); // 3 attempts for each transient failure
        Assert.Equal(4 + 1, fineTuned.Calls.Count); // not retried: not transient
        Assert.Equal(6, result.Failures.Count);
        var filtered = Assert.Single(result.Failures, f => f.Stage == EvaluationStage.FineTunedAnswer);
        Assert.Equal(2, filtered.PairIndex);
        Assert.Contains("content filter", filtered.Error, StringComparison.Ordinal);
        Assert.Equal(0, result.LexicalProxy.Compared);
        Assert.Equal(0, result.BaseLabels.Total);
        Assert.Equal(4, result.FineTunedLabels.Total);
    }

    [Fact]
    public async Task Evaluate_UnreadableJudgeReply_IsAJudgeFailure()
    {
        var pairs = await TestPairs.ReadAsync(2);
        var (baseModel, fineTuned) = ModelsThatLearnt(pairs);
        var judge = new ScriptedAnswerSource("judge", _ => "Both answers have merit.");

        var result = await new PairwiseEvaluator(baseModel, fineTuned, judge, FastRetries).EvaluateAsync(pairs, Token);

        Assert.Equal(2, result.Failures.Count(f => f.Stage == EvaluationStage.Judge));
        Assert.Equal(ComparisonSummary.Empty, result.Judge);
        Assert.Equal(2, result.LexicalProxy.Wins);
    }

    [Fact]
    public async Task Evaluate_ExamplesWithCategories_AreSummarisedPerCategory()
    {
        var pairs = (await TestPairs.ReadAsync(6)).Select((p, i) => p with { Category = i < 4 ? "tech" : "space" }).ToList();
        // The fine-tuned model only learnt the "tech" examples.
        var fineTuned = new ScriptedAnswerSource("tuned", m =>
        {
            var pair = TestPairs.For(pairs, m);
            return pair.Category == "tech" ? pair.Preferred : pair.NonPreferred;
        });
        var baseModel = new ScriptedAnswerSource("base", m => TestPairs.For(pairs, m).NonPreferred);

        var result = await new PairwiseEvaluator(baseModel, fineTuned, options: FastRetries).EvaluateAsync(pairs, Token);

        Assert.Equal(["space", "tech"], result.PerCategory.Select(c => c.Category));
        Assert.Equal(new CategoryResult("space", 2, new ComparisonSummary(0, 0, 2), null), result.PerCategory[0]);
        Assert.Equal(new CategoryResult("tech", 4, new ComparisonSummary(4, 0, 0), null), result.PerCategory[1]);
    }

    [Fact]
    public async Task Evaluate_NeverHasMoreCallsInFlightThanAllowed()
    {
        var pairs = await TestPairs.ReadAsync(8);
        var inFlight = 0;
        var maxInFlight = 0;
        var bothStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<string> Answer(IReadOnlyList<ChatTurn> m, CancellationToken ct)
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            if (now == 2)
            {
                bothStarted.TrySetResult();
            }

            // The first calls wait until two are in flight, so the limit is reached, not just respected.
            await bothStarted.Task.WaitAsync(ct);
            Interlocked.Decrement(ref inFlight);
            return TestPairs.For(pairs, m).Preferred;
        }

        var source = new ScriptedAnswerSource("model", Answer);
        var options = FastRetries with { MaxConcurrency = 2 };

        var result = await new PairwiseEvaluator(source, source, options: options).EvaluateAsync(pairs, Token);

        Assert.Equal(2, maxInFlight);
        Assert.Equal(16, source.Calls.Count);
        Assert.Equal(8, result.LexicalProxy.Ties);
    }

    [Fact]
    public async Task Evaluate_Cancelled_StopsWithCancellation()
    {
        var pairs = await TestPairs.ReadAsync(4);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var source = new ScriptedAnswerSource("model", async (_, ct) =>
        {
            await cancellation.CancelAsync();
            ct.ThrowIfCancellationRequested();
            return "never";
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new PairwiseEvaluator(source, source, options: FastRetries).EvaluateAsync(pairs, cancellation.Token));
    }

    [Fact]
    public void Constructor_InvalidOptions_AreRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PairwiseEvaluator(
            new ScriptedAnswerSource("a", _ => ""), new ScriptedAnswerSource("b", _ => ""), options: new EvaluationOptions { MaxConcurrency = 0 }));

    /// <summary>A base model that gives the non-preferred reply and a fine-tuned one that learnt the preferred reply.</summary>
    private static (ScriptedAnswerSource Base, ScriptedAnswerSource FineTuned) ModelsThatLearnt(IReadOnlyList<EvaluationPair> pairs) =>
        (new ScriptedAnswerSource("base", m => TestPairs.For(pairs, m).NonPreferred),
         new ScriptedAnswerSource("tuned", m => TestPairs.For(pairs, m).Preferred));

    private static string PicksPreferred(IReadOnlyList<EvaluationPair> pairs, IReadOnlyList<ChatTurn> judgePrompt)
    {
        Assert.True(JudgeRubric.PairwiseV1.TryRead(judgePrompt, out var content));
        var pair = pairs.First(p => p.Messages[^1].Content == content.LastUserMessage);
        return content.CandidateA == pair.Preferred ? "A" : "B";
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
