using DpoPipeline.Core.Costs;
using DpoPipeline.Core.Tokens;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DpoPipeline.Core.Evaluation;

/// <summary>
/// Asks the base and the fine-tuned deployment every held-out example (bounded concurrency, retries of transient
/// failures) and compares the answers by the lexical proxy and, when a judge is given, pairwise with swapped
/// positions after calibrating the judge on the dataset's own pairs. Summarises win rates, answer lengths, the
/// length-controlled win rate, tokens and cost, with the provenance of every number. A failed call is recorded in the
/// result, never thrown; only cancellation ends an evaluation early.
/// </summary>
public sealed class PairwiseEvaluator
{
    private readonly IChatAnswerSource _base;
    private readonly IChatAnswerSource _fineTuned;
    private readonly PairwiseJudge? _judge;
    private readonly EvaluationOptions _options;
    private readonly LexicalProxyScorer _scorer;
    private readonly EvaluationCalls _calls;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public PairwiseEvaluator(
        IChatAnswerSource baseModel,
        IChatAnswerSource fineTunedModel,
        IChatAnswerSource? judge = null,
        EvaluationOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<PairwiseEvaluator>? logger = null)
    {
        _base = baseModel ?? throw new ArgumentNullException(nameof(baseModel));
        _fineTuned = fineTunedModel ?? throw new ArgumentNullException(nameof(fineTunedModel));
        _options = (options ?? new EvaluationOptions()).Validated();
        _judge = judge is null ? null : new PairwiseJudge(judge, _options.JudgeRubric, _options.Seed);
        _scorer = new LexicalProxyScorer(_options.LexicalProxy);
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<PairwiseEvaluator>.Instance;
        _calls = new EvaluationCalls(_options, _time, _logger);
    }

    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<EvaluationResult> EvaluateAsync(IReadOnlyList<EvaluationPair> pairs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var started = _time.GetTimestamp();
        _logger.LogInformation(
            "Evaluating {PairCount} examples: base {BaseDeployment}, fine-tuned {FineTunedDeployment}, judge {JudgeDeployment}, seed {Seed}",
            pairs.Count, _base.Deployment, _fineTuned.Deployment, _judge?.Deployment ?? "none (lexical proxy)", _options.Seed);

        var calibration = await CalibrateJudgeAsync(pairs, cancellationToken);

        var evaluations = new PairEvaluation[pairs.Count];
        var usages = new EvaluationUsage[pairs.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, pairs.Count), parallel, async (index, token) =>
            (evaluations[index], usages[index]) = await EvaluatePairAsync(index, pairs[index], token));

        var result = Summarise(WithTokenCounts(evaluations), usages, calibration, _time.GetElapsedTime(started));
        _logger.LogInformation(
            "Evaluation done by {Method}: {Wins} wins, {Losses} losses, {Ties} ties, {Failures} failed calls",
            result.HeadlineMethod, result.Headline.Wins, result.Headline.Losses, result.Headline.Ties, result.Failures.Count);
        return result;
    }

    private async Task<(JudgeCalibration Calibration, TokenUsage Usage, IReadOnlyList<EvaluationFailure> Failures)?> CalibrateJudgeAsync(
        IReadOnlyList<EvaluationPair> pairs, CancellationToken cancellationToken)
    {
        if (_judge is null || _options.JudgeCalibrationPairs == 0 || pairs.Count == 0)
        {
            return null;
        }

        var calibrated = await new JudgeCalibrator(_judge, _calls, _options).CalibrateAsync(pairs, cancellationToken);
        _logger.LogInformation(
            "Judge {JudgeDeployment} agreed with the dataset's labels on {Agreements} of {Judged} held-out pairs (reliable: {Reliable})",
            _judge.Deployment, calibrated.Calibration.Agreements, calibrated.Calibration.Judged, calibrated.Calibration.IsReliable);
        return calibrated;
    }

    private async Task<(PairEvaluation, EvaluationUsage)> EvaluatePairAsync(int index, EvaluationPair pair, CancellationToken cancellationToken)
    {
        var failures = new List<EvaluationFailure>();
        var baseAnswer = await _calls.TryAsync(
            index, EvaluationStage.BaseAnswer, failures, ct => _base.AskAsync(pair.Messages, _options.Seed, ct), cancellationToken);
        var fineTunedAnswer = await _calls.TryAsync(
            index, EvaluationStage.FineTunedAnswer, failures, ct => _fineTuned.AskAsync(pair.Messages, _options.Seed, ct), cancellationToken);

        var baseScore = baseAnswer is null ? null : _scorer.Score(baseAnswer.Text, pair.Preferred, pair.NonPreferred);
        var fineTunedScore = fineTunedAnswer is null ? null : _scorer.Score(fineTunedAnswer.Text, pair.Preferred, pair.NonPreferred);

        JudgeDecision? decision = null;
        if (_judge is not null && baseAnswer is not null && fineTunedAnswer is not null)
        {
            decision = await _calls.TryAsync(
                index, EvaluationStage.Judge, failures, ct => _judge.JudgeAsync(pair.Messages, baseAnswer.Text, fineTunedAnswer.Text, ct), cancellationToken);
        }

        var evaluation = new PairEvaluation
        {
            Index = index,
            Prompt = pair.Messages.LastOrDefault(m => m.Role == "user")?.Content ?? string.Empty,
            Category = pair.Category,
            BaseAnswer = baseAnswer?.Text,
            FineTunedAnswer = fineTunedAnswer?.Text,
            BaseScore = baseScore,
            FineTunedScore = fineTunedScore,
            LexicalProxyOutcome = baseScore is null || fineTunedScore is null ? null : CompareMargins(baseScore, fineTunedScore),
            Judge = decision,
            Failures = failures,
        };
        var usage = new EvaluationUsage(
            baseAnswer?.Usage ?? TokenUsage.None, fineTunedAnswer?.Usage ?? TokenUsage.None, decision?.Usage ?? TokenUsage.None);
        return (evaluation, usage);
    }

    private PairOutcome CompareMargins(LexicalProxyScore baseScore, LexicalProxyScore fineTunedScore)
    {
        var difference = fineTunedScore.Margin - baseScore.Margin;
        return difference > _options.TieMargin ? PairOutcome.Win
            : difference < -_options.TieMargin ? PairOutcome.Loss
            : PairOutcome.Tie;
    }

    /// <summary>Counts answer tokens once all calls are done: a token counter is not thread-safe.</summary>
    private PairEvaluation[] WithTokenCounts(PairEvaluation[] evaluations)
    {
        var counter = new TokenCounter(_options.TokenEncoding);
        return [.. evaluations.Select(e => e with
        {
            BaseAnswerTokens = e.BaseAnswer is null ? null : counter.Count(e.BaseAnswer),
            FineTunedAnswerTokens = e.FineTunedAnswer is null ? null : counter.Count(e.FineTunedAnswer),
        })];
    }

    private EvaluationResult Summarise(
        PairEvaluation[] evaluations,
        EvaluationUsage[] usages,
        (JudgeCalibration Calibration, TokenUsage Usage, IReadOnlyList<EvaluationFailure> Failures)? calibration,
        TimeSpan duration)
    {
        var method = _judge is null ? EvaluationMethod.LexicalProxy : EvaluationMethod.Judge;
        var usage = new EvaluationUsage(
            TokenUsage.Sum(usages.Select(u => u.Base)),
            TokenUsage.Sum(usages.Select(u => u.FineTuned)),
            TokenUsage.Sum(usages.Select(u => u.Judge)),
            calibration?.Usage ?? TokenUsage.None);

        return new EvaluationResult
        {
            BaseDeployment = _base.Deployment,
            FineTunedDeployment = _fineTuned.Deployment,
            JudgeDeployment = _judge?.Deployment,
            PairCount = evaluations.Length,
            Provenance = new EvaluationProvenance
            {
                Service = _options.Service,
                Method = method,
                JudgeDeployment = _judge?.Deployment,
                RubricVersion = _judge?.Rubric.Version,
                SampleSize = evaluations.Length,
                CalibrationSampleSize = calibration is null ? 0 : Math.Min(_options.JudgeCalibrationPairs, evaluations.Length),
                Seed = _options.Seed,
            },
            LexicalProxy = LexicalProxySummary(evaluations),
            Judge = JudgeSummary(evaluations),
            JudgeCalibration = calibration?.Calibration,
            PerCategory = evaluations
                .Where(e => e.Category is not null)
                .GroupBy(e => e.Category!, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new CategoryResult(g.Key, g.Count(), LexicalProxySummary(g), JudgeSummary(g)))
                .ToList(),
            BaseLabels = LabelDistribution.From(evaluations.Where(e => e.BaseScore is not null).Select(e => e.BaseScore!.Label)),
            FineTunedLabels = LabelDistribution.From(evaluations.Where(e => e.FineTunedScore is not null).Select(e => e.FineTunedScore!.Label)),
            Lengths = new AnswerLengths(
                _options.TokenEncoding,
                LengthSummary.Of(evaluations.Where(e => e.BaseAnswerTokens is not null).Select(e => e.BaseAnswerTokens!.Value)),
                LengthSummary.Of(evaluations.Where(e => e.FineTunedAnswerTokens is not null).Select(e => e.FineTunedAnswerTokens!.Value))),
            LengthControlled = LengthControlledWinRate.Fit(method, LengthComparisons(evaluations, method)),
            Failures = [.. (calibration?.Failures ?? []).Concat(evaluations.SelectMany(e => e.Failures))],
            Usage = usage,
            Cost = _options.Models is { } models ? EvaluationCostEstimator.Estimate(usage, models, _options.Prices ?? PriceTable.Default) : null,
            Duration = duration,
            Pairs = evaluations,
        };
    }

    private static List<(PairOutcome Outcome, int TokenDifference)> LengthComparisons(IEnumerable<PairEvaluation> evaluations, EvaluationMethod method) =>
        [.. evaluations
            .Where(e => e.BaseAnswerTokens is not null && e.FineTunedAnswerTokens is not null)
            .Select(e => (
                Outcome: method == EvaluationMethod.Judge ? e.Judge?.Outcome : e.LexicalProxyOutcome,
                Difference: e.FineTunedAnswerTokens!.Value - e.BaseAnswerTokens!.Value))
            .Where(c => c.Outcome is not null)
            .Select(c => (c.Outcome!.Value, c.Difference))];

    private static ComparisonSummary LexicalProxySummary(IEnumerable<PairEvaluation> evaluations) =>
        ComparisonSummary.From(evaluations.Where(e => e.LexicalProxyOutcome is not null).Select(e => e.LexicalProxyOutcome!.Value));

    private ComparisonSummary? JudgeSummary(IEnumerable<PairEvaluation> evaluations) =>
        _judge is null ? null : ComparisonSummary.From(evaluations.Where(e => e.Judge is not null).Select(e => e.Judge!.Outcome));
}
