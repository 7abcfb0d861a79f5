using System.ClientModel;
using System.ClientModel.Primitives;
using DpoPipeline.Core.Evaluation;
using DpoPipeline.Core.Reports;
using DpoPipeline.Core.Tests.Reports;
using DpoPipeline.Emulator;
using DpoPipeline.Testing;
using DpoPipeline.Emulator.Faults;
using Microsoft.Extensions.Time.Testing;
using OpenAI;
using OpenAI.Chat;
using Xunit;

namespace DpoPipeline.Core.Tests.Evaluation;

/// <summary>
/// The whole evaluation path over HTTP against the emulator: a DPO job trained on the held-out file, a fine-tuned and
/// a base deployment, both asked through the OpenAI chat client, scored, and drawn into a report.
/// </summary>
public sealed class EmulatorEvaluationTests : IAsyncDisposable
{
    private const string BaseModel = "gpt-4.1-mini-2025-04-14";
    
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
    private static readonly EvaluationOptions NoRetryDelay = new() { RetryDelay = TimeSpan.Zero };

    private EmulatorHandle? _emulator;
    private EmulatorModelShop? _shop;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private EmulatorHandle Emulator => _emulator ?? throw new InvalidOperationException("Start the emulator first.");

    private EmulatorModelShop Shop => _shop ?? throw new InvalidOperationException("Start the emulator first.");

    public async ValueTask DisposeAsync()
    {
        _shop?.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    [Fact]
    public async Task Evaluate_FineTunedAgainstBaseDeployment_FineTunedWinsAndTheReportShowsIt()
    {
        // Ground truth at the extremes: the DPO model always answers the chosen reply, the base model never does.
        await StartAsync(options => (options.Models.Dpo.PreferenceRate, options.Models.Base.PreferenceRate) = (1, 0));
        var fineTunedModel = await Shop.TrainDpoAsync(TestPairs.HeldOutPath, BaseModel, Token, epochs: 1);
        await Shop.DeployAsync("dpo-tuned", fineTunedModel, Token);
        await Shop.DeployAsync("base", BaseModel, Token);
        var pairs = await TestPairs.ReadAsync(20);

        var plan = new EvaluationPlanner().Plan(pairs, withJudge: false);
        var options = NoRetryDelay with { Service = EvaluationService.FromEndpoint(Emulator.OpenAIBaseUri), Seed = 7 };
        var result = await new PairwiseEvaluator(Ask("base"), Ask("dpo-tuned"), options: options).EvaluateAsync(pairs, Token);

        Assert.Equal(40, plan.Calls);
        Assert.Empty(result.Failures);
        Assert.Equal(("base", "dpo-tuned"), (result.BaseDeployment, result.FineTunedDeployment));
        Assert.Equal(pairs.Select(p => p.Preferred), result.Pairs.Select(p => p.FineTunedAnswer));
        Assert.Equal(pairs.Select(p => p.NonPreferred), result.Pairs.Select(p => p.BaseAnswer));
        Assert.Equal(new LabelDistribution(20, 0, 0), result.FineTunedLabels);
        Assert.Equal(new LabelDistribution(0, 20, 0), result.BaseLabels);
        Assert.Equal(new ComparisonSummary(20, 0, 0), result.LexicalProxy);
        Assert.Equal((EvaluationServiceKind.Emulator, EvaluationMethod.LexicalProxy, 20, 7L), (result.Provenance!.Service!.Kind, result.Provenance.Method, result.Provenance.SampleSize, result.Provenance.Seed));
        Assert.Contains(EvaluationCaveats.Emulated, result.Caveats);
        Assert.Contains(EvaluationCaveats.LexicalProxy, result.Caveats);
        Assert.Equal(0.8389, result.LexicalProxy.WinRateInterval!.Lower, 4); // Wilson 95 % lower bound for 20 of 20
        Assert.True(result.Usage.Base.InputTokens > 0 && result.Usage.FineTuned.OutputTokens > 0);

        using var folder = new TemporaryFolder();
        var report = await new RunReportRenderer().RenderAsync(
            new RunReportData { RunId = "e2e", DatasetName = "azure-gpt4o-dpo-train-200.jsonl", BaseModel = BaseModel, GeneratedAt = _clock.GetUtcNow(), Evaluation = result },
            new FolderReportSink(folder.Path),
            Token);
        var markdown = await File.ReadAllTextAsync(folder.Combine("report.md"), Token);
        Assert.Contains("| Lexical proxy (wording overlap, not quality) | 20 | 0 | 0 | 100.0% | 83.9% – 100.0% |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Preferred-like | 0 | 20 |", markdown, StringComparison.Ordinal);
        Assert.Contains($"| {pairs[0].Messages[^1].Content} | ", markdown, StringComparison.Ordinal); // sample answers
        var chart = Assert.Single(report.Charts);
        Assert.Equal("charts/label-distribution.png", chart.Name);
        Assert.True(PngImage.Decode(await File.ReadAllBytesAsync(folder.Combine(chart.Name), Token)).InkFraction > 0.02);
    }

    [Fact]
    public async Task Evaluate_DeploymentThatDoesNotExist_ReportsFailuresInsteadOfThrowing()
    {
        await StartAsync();
        await Shop.DeployAsync("base", BaseModel, Token);
        var pairs = await TestPairs.ReadAsync(3);

        var result = await new PairwiseEvaluator(Ask("base"), Ask("missing"), options: NoRetryDelay).EvaluateAsync(pairs, Token);

        Assert.Equal(3, result.Failures.Count);
        Assert.All(result.Failures, f => Assert.Equal(EvaluationStage.FineTunedAnswer, f.Stage));
        Assert.All(result.Failures, f => Assert.Contains("DeploymentNotFound", f.Error, StringComparison.Ordinal));
        Assert.Equal(3, result.BaseLabels.Total);
        Assert.Equal(0, result.LexicalProxy.Compared);
    }

    [Fact]
    public async Task Evaluate_JudgeWithoutGroundTruth_ReportsJudgeFailuresAndKeepsTheLexicalProxyResult()
    {
        // No file was uploaded, so the emulator holds no pair for these prompts: its judge says it cannot judge.
        await StartAsync();
        await Shop.DeployAsync("base", BaseModel, Token);
        await Shop.DeployAsync("other", BaseModel, Token);
        await Shop.DeployAsync("judge", BaseModel, Token);
        var pairs = await TestPairs.ReadAsync(3);

        var result = await new PairwiseEvaluator(Ask("base"), Ask("other"), judge: Ask("judge"), options: NoRetryDelay).EvaluateAsync(pairs, Token);

        Assert.Equal(3, result.Failures.Count(f => f.Stage == EvaluationStage.JudgeCalibration && f.Error.Contains("A, B or TIE", StringComparison.Ordinal)));
        Assert.Equal(3, result.Failures.Count(f => f.Stage == EvaluationStage.Judge && f.Error.Contains("A, B or TIE", StringComparison.Ordinal)));
        Assert.Equal(ComparisonSummary.Empty, result.Judge);
        Assert.Equal(0, result.JudgeCalibration!.Judged);
        Assert.True(result.IsJudgeUnreliable);
        Assert.Contains(EvaluationCaveats.UncalibratedJudge, result.Caveats);
        Assert.Equal(3, result.LexicalProxy.Compared);
    }

    [Theory]
    [InlineData(1, 2, 4)] // both calls of the first example throttled, nothing retried
    [InlineData(3, 0, 5)]
    public async Task Evaluate_ThrottledDeployment_IsRetried(int maxAttempts, int expectedFailures, int expectedCompared)
    {
        await StartAsync(options => options.Faults.Add(
            new FaultRule { Fault = "429;retry-after=0", Method = "POST", PathContains = "/chat/completions", Count = 2 }));
        await Shop.DeployAsync("base", BaseModel, Token);
        await Shop.DeployAsync("other", BaseModel, Token);
        var pairs = await TestPairs.ReadAsync(5);

        var result = await new PairwiseEvaluator(Ask("base"), Ask("other"), options: NoRetryDelay with { MaxAttempts = maxAttempts, MaxConcurrency = 1 })
            .EvaluateAsync(pairs, Token);

        Assert.Equal(2, Emulator.State.FaultsInjected);
        Assert.Equal(expectedFailures, result.Failures.Count);
        Assert.All(result.Failures, f => Assert.Contains("429", f.Error, StringComparison.Ordinal));
        Assert.Equal(expectedCompared, result.LexicalProxy.Compared);
    }

    [Fact]
    public async Task RetryAfter_ThrottledResponse_IsTheDelayTheServiceAskedFor()
    {
        await StartAsync(options => options.Faults.Add(new FaultRule { Fault = "429;retry-after=7", PathContains = "/chat/completions", Count = 1 }));
        await Shop.DeployAsync("base", BaseModel, Token);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Ask("base").AskAsync([new ChatTurn("user", "Hi?")], seed: null, Token));

        Assert.True(TransientFailures.IsTransient(error));
        Assert.Equal(TimeSpan.FromSeconds(7), TransientFailures.RetryAfter(error, _clock.GetUtcNow()));
    }

    private async Task StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { TimeProvider = _clock };
        configure?.Invoke(options);
        _emulator = await EmulatorServer.StartAsync(options, Token);
        _shop = new EmulatorModelShop(_emulator, _clock);
    }

    // The client's own retries are off, so the evaluator's retry policy is what these tests exercise.
    private ChatClientAnswerSource Ask(string deployment) =>
        new(new ChatClient(
            deployment,
            new ApiKeyCredential("test-key"),
            new OpenAIClientOptions { Endpoint = Emulator.OpenAIBaseUri, RetryPolicy = new ClientRetryPolicy(maxRetries: 0) }));

}
