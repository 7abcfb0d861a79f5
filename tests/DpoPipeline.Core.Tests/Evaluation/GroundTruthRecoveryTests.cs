using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using DpoPipeline.Core.Evaluation;
using DpoPipeline.Emulator;
using DpoPipeline.Testing;
using Microsoft.Extensions.Time.Testing;
using OpenAI;
using OpenAI.Chat;
using Xunit;

namespace DpoPipeline.Core.Tests.Evaluation;

/// <summary>
/// The evaluator recovers a known truth: the emulator's models answer each held-out prompt from its own pair at a
/// configured rate, so the true win rate follows from the rates and the evaluator's tie rules. Each trial sends a
/// different fixed seed, so the trials are independent draws and the test is deterministic.
/// </summary>
public sealed class GroundTruthRecoveryTests : IAsyncLifetime
{
    private const string BaseModel = "gpt-4.1-mini-2025-04-14";
        private const double DpoRate = 0.8;
    private const double BaseRate = 0.5;
    private const double JudgeAccuracy = 0.9;
    private const int Trials = 100;
    private const int JudgeTrials = 50;
    private const int SampleSize = 30;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
    private EmulatorHandle? _emulator;
    private EmulatorModelShop? _shop;
    private IReadOnlyList<EvaluationPair> _pairs = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private EmulatorHandle Emulator => _emulator ?? throw new InvalidOperationException("Not started.");

    private EmulatorModelShop Shop => _shop ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        var options = new EmulatorOptions { TimeProvider = _clock };
        (options.Models.Dpo.PreferenceRate, options.Models.Base.PreferenceRate, options.Models.Judge.Accuracy) = (DpoRate, BaseRate, JudgeAccuracy);
        _emulator = await EmulatorServer.StartAsync(options, Token);
        _shop = new EmulatorModelShop(_emulator, _clock);
        await Shop.DeployAsync("dpo-tuned", await Shop.TrainDpoAsync(TestPairs.HeldOutPath, BaseModel, Token), Token);
        await Shop.DeployAsync("base", BaseModel, Token);
        await Shop.DeployAsync("base-twin", BaseModel, Token);
        await Shop.DeployAsync("judge", BaseModel, Token);
        _pairs = await TestPairs.ReadAsync(200);
    }

    public async ValueTask DisposeAsync()
    {
        _shop?.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    [Fact]
    public async Task LexicalProxy_DpoAt80AgainstBaseAt50_IntervalCoversTheTrueWinRate()
    {
        var pairs = _pairs.Take(SampleSize).ToList();
        AssertChosenAndRejectedAreTellableApart(pairs);

        // The proxy calls a tie exactly when both models gave the same reply (same text, margin difference 0) and
        // otherwise sides with the model that gave the chosen reply. So with a = pF(1 − pB) (only the fine-tuned model
        // answered chosen) and c = (1 − pF)pB (only the base did), the true win rate is a / (a + c) = 0.4 / 0.5 = 0.8.
        var (truth, decisive) = Truth(DpoRate, BaseRate, judgeAccuracy: 1);

        var misses = await MissesAsync(Trials, seed => Evaluate("base", "dpo-tuned", pairs, seed, judge: false), r => r.LexicalProxy.WinRateInterval, truth);

        Assert.Equal(0.8, truth, 12);
        AssertCoverage(misses, Trials, IntervalCoverage.OverDecisive(SampleSize, decisive, truth), "win rate");
    }

    [Fact]
    public async Task LexicalProxy_EqualRates_ShowsNoSignificantDifference()
    {
        var pairs = _pairs.Take(SampleSize).ToList();
        var (truth, decisive) = Truth(BaseRate, BaseRate, judgeAccuracy: 1);

        // "No significant difference": the interval holds 0.5 in as many trials as a 95 % interval should.
        var misses = await MissesAsync(Trials, seed => Evaluate("base", "base-twin", pairs, seed, judge: false), r => r.LexicalProxy.WinRateInterval, truth);

        Assert.Equal(0.5, truth, 12);
        AssertCoverage(misses, Trials, IntervalCoverage.OverDecisive(SampleSize, decisive, truth), "no-difference");
    }

    [Fact]
    public async Task Judge_DpoAt80AgainstBaseAt50_CalibrationAndWinRateIntervalsCoverTheirTruths()
    {
        var pairs = _pairs.Take(SampleSize).ToList();
        var (truth, decisive) = Truth(DpoRate, BaseRate, JudgeAccuracy);

        // Calibration compares a chosen with a rejected reply: both orders must pick the chosen one, so the judge's
        // true agreement is q² (a split counts against it), over every calibration pair.
        var agreementTruth = JudgeAccuracy * JudgeAccuracy;
        var results = new List<EvaluationResult>();
        var misses = await MissesAsync(
            JudgeTrials,
            async seed =>
            {
                var result = await Evaluate("base", "dpo-tuned", pairs, seed, judge: true);
                results.Add(result);
                return result;
            },
            r => r.Judge!.WinRateInterval,
            truth);
        var agreementMisses = results.Count(r => !Contains(r.JudgeCalibration!.AgreementInterval!, agreementTruth));

        Assert.Equal(0.7927, truth, 4);
        Assert.All(results, r => Assert.Equal(SampleSize, r.JudgeCalibration!.Judged));
        AssertCoverage(misses, JudgeTrials, IntervalCoverage.OverDecisive(SampleSize, decisive, truth), "judge win rate");
        AssertCoverage(agreementMisses, JudgeTrials, IntervalCoverage.Exact(SampleSize, agreementTruth), "judge agreement");
    }

    /// <summary>
    /// The true win rate and the chance that a pair is decisive. Two replies of the same kind tie. For a chosen against
    /// a rejected reply each order of a position-swapped judge independently picks the chosen one with probability q,
    /// and only two agreeing orders decide (the lexical proxy is a judge with q = 1). With a = pF(1 − pB) and
    /// c = (1 − pF)pB: P(win) = a q² + c (1 − q)², P(loss) = a (1 − q)² + c q², win rate = P(win) / (P(win) + P(loss)).
    /// </summary>
    private static (double WinRate, double Decisive) Truth(double fineTunedRate, double baseRate, double judgeAccuracy)
    {
        var a = fineTunedRate * (1 - baseRate);
        var c = (1 - fineTunedRate) * baseRate;
        var q = judgeAccuracy;
        var win = (a * q * q) + (c * (1 - q) * (1 - q));
        var loss = (a * (1 - q) * (1 - q)) + (c * q * q);
        return (win / (win + loss), win + loss);
    }

    /// <summary>Misses are judged against the interval's exact coverage here (see <see cref="IntervalCoverage"/>), never above 99.9 % chance.</summary>
    private static void AssertCoverage(int misses, int trials, double exactCoverage, string what)
    {
        var allowed = IntervalCoverage.AllowedMisses(trials, exactCoverage);
        var observed = 1 - ((double)misses / trials);
        TestContext.Current.SendDiagnosticMessage(string.Create(
            CultureInfo.InvariantCulture, $"{what}: interval covered the truth in {observed:P0} of {trials} trials (exact coverage {exactCoverage:P1}, at most {allowed} misses allowed)"));
        Assert.InRange(exactCoverage, 0.94, 0.97);
        Assert.True(misses <= allowed, string.Create(
            CultureInfo.InvariantCulture, $"{what}: the 95% interval missed the truth in {misses} of {trials} trials; at its exact coverage {exactCoverage:P1} more than {allowed} has a chance below 0.1%."));
    }

    private static async Task<int> MissesAsync(int trials, Func<int, Task<EvaluationResult>> evaluate, Func<EvaluationResult, ProportionInterval?> interval, double truth)
    {
        var misses = 0;
        for (var seed = 1; seed <= trials; seed++)
        {
            misses += interval(await evaluate(seed)) is { } i && Contains(i, truth) ? 0 : 1;
        }

        return misses;
    }

    private async Task<EvaluationResult> Evaluate(string baseDeployment, string fineTunedDeployment, IReadOnlyList<EvaluationPair> pairs, int seed, bool judge)
    {
        var options = new EvaluationOptions { Seed = seed, RetryDelay = TimeSpan.Zero, MaxConcurrency = 8, JudgeCalibrationPairs = SampleSize };
        var result = await new PairwiseEvaluator(Ask(baseDeployment), Ask(fineTunedDeployment), judge ? Ask("judge") : null, options).EvaluateAsync(pairs, Token);
        Assert.Empty(result.Failures);
        return result;
    }

    private static bool Contains(ProportionInterval interval, double value) => interval.Lower <= value && value <= interval.Upper;

    /// <summary>The proxy must tell each pair's chosen from its rejected reply by more than its tie margin, as the truth above assumes.</summary>
    private static void AssertChosenAndRejectedAreTellableApart(IReadOnlyList<EvaluationPair> pairs)
    {
        var scorer = new LexicalProxyScorer();
        var tieMargin = new EvaluationOptions().TieMargin;
        Assert.All(pairs, p => Assert.True(
            scorer.Score(p.Preferred, p.Preferred, p.NonPreferred).Margin - scorer.Score(p.NonPreferred, p.Preferred, p.NonPreferred).Margin > tieMargin));
    }

    private ChatClientAnswerSource Ask(string deployment) =>
        new(new ChatClient(
            deployment,
            new ApiKeyCredential("test-key"),
            new OpenAIClientOptions { Endpoint = Emulator.OpenAIBaseUri, RetryPolicy = new ClientRetryPolicy(maxRetries: 0) }));
}
