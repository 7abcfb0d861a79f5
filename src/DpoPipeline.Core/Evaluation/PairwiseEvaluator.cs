using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace DpoPipeline.Core.Evaluation;

/// <summary>
/// Asks the base and the fine-tuned deployment every held-out example (bounded concurrency, retries of transient
/// failures), scores both answers locally and, when a judge is given, pairwise with swapped positions, and
/// summarises. A failed call is recorded in the result, never thrown; only cancellation ends an evaluation early.
/// </summary>
public sealed class PairwiseEvaluator
{
    private readonly IChatAnswerSource _base;
    private readonly IChatAnswerSource _fineTuned;
    private readonly PairwiseJudge? _judge;
    private readonly EvaluationOptions _options;
    private readonly SimilarityScorer _scorer;
    private readonly ResiliencePipeline _retry;
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
        _judge = judge is null ? null : new PairwiseJudge(judge);
        _options = (options ?? new EvaluationOptions()).Validated();
        _scorer = new SimilarityScorer(_options.Similarity);
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<PairwiseEvaluator>.Instance;
        _retry = BuildRetry(_options, _time, _logger);
    }

    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<EvaluationResult> EvaluateAsync(IReadOnlyList<EvaluationPair> pairs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var started = _time.GetTimestamp();
        _logger.LogInformation(
            "Evaluating {PairCount} examples: base {BaseDeployment}, fine-tuned {FineTunedDeployment}, judge {JudgeDeployment}",
            pairs.Count, _base.Deployment, _fineTuned.Deployment, _judge?.Deployment ?? "none");

        var evaluations = new PairEvaluation[pairs.Count];
        var usages = new EvaluationUsage[pairs.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, pairs.Count), parallel, async (index, token) =>
            (evaluations[index], usages[index]) = await EvaluatePairAsync(index, pairs[index], token));

        var result = Summarise(evaluations, usages, _time.GetElapsedTime(started));
        _logger.LogInformation(
            "Evaluation done: {Wins} wins, {Losses} losses, {Ties} ties, {Failures} failed calls",
            result.Headline.Wins, result.Headline.Losses, result.Headline.Ties, result.Failures.Count);
        return result;
    }

    private async Task<(PairEvaluation, EvaluationUsage)> EvaluatePairAsync(int index, EvaluationPair pair, CancellationToken cancellationToken)
    {
        var failures = new List<EvaluationFailure>();
        var baseAnswer = await TryAsync(index, EvaluationStage.BaseAnswer, failures, ct => AskAsync(_base, pair.Messages, ct), cancellationToken);
        var fineTunedAnswer = await TryAsync(index, EvaluationStage.FineTunedAnswer, failures, ct => AskAsync(_fineTuned, pair.Messages, ct), cancellationToken);

        var baseScore = baseAnswer is null ? null : _scorer.Score(baseAnswer.Text, pair.Preferred, pair.NonPreferred);
        var fineTunedScore = fineTunedAnswer is null ? null : _scorer.Score(fineTunedAnswer.Text, pair.Preferred, pair.NonPreferred);

        JudgeDecision? decision = null;
        if (_judge is not null && baseAnswer is not null && fineTunedAnswer is not null)
        {
            decision = await TryAsync(
                index, EvaluationStage.Judge, failures,
                ct => _retry.ExecuteAsync(
                    async token => await _judge.JudgeAsync(pair, baseAnswer.Text, fineTunedAnswer.Text, token), ct).AsTask(),
                cancellationToken);
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
            SimilarityOutcome = baseScore is null || fineTunedScore is null ? null : CompareMargins(baseScore, fineTunedScore),
            Judge = decision,
            Failures = failures,
        };
        var usage = new EvaluationUsage(
            baseAnswer?.Usage ?? TokenUsage.None, fineTunedAnswer?.Usage ?? TokenUsage.None, decision?.Usage ?? TokenUsage.None);
        return (evaluation, usage);
    }

    private async Task<ChatAnswer> AskAsync(IChatAnswerSource source, IReadOnlyList<ChatTurn> messages, CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(async token => await source.AskAsync(messages, token), cancellationToken);

    private async Task<T?> TryAsync<T>(
        int index, EvaluationStage stage, List<EvaluationFailure> failures, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await call(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Reported, not thrown: one bad example or a flaky deployment must not sink the whole evaluation.
            _logger.LogWarning(ex, "Evaluation call {Stage} failed for example {PairIndex}", stage, index);
            failures.Add(new EvaluationFailure(index, stage, $"{ex.GetType().Name}: {ex.Message}"));
            return null;
        }
    }

    private PairOutcome CompareMargins(SimilarityScore baseScore, SimilarityScore fineTunedScore)
    {
        var difference = fineTunedScore.Margin - baseScore.Margin;
        return difference > _options.TieMargin ? PairOutcome.Win
            : difference < -_options.TieMargin ? PairOutcome.Loss
            : PairOutcome.Tie;
    }

    private EvaluationResult Summarise(PairEvaluation[] evaluations, EvaluationUsage[] usages, TimeSpan duration)
    {
        var categories = evaluations
            .Where(e => e.Category is not null)
            .GroupBy(e => e.Category!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CategoryResult(g.Key, g.Count(), SimilaritySummary(g), JudgeSummary(g)))
            .ToList();

        return new EvaluationResult
        {
            BaseDeployment = _base.Deployment,
            FineTunedDeployment = _fineTuned.Deployment,
            JudgeDeployment = _judge?.Deployment,
            PairCount = evaluations.Length,
            Similarity = SimilaritySummary(evaluations),
            Judge = JudgeSummary(evaluations),
            PerCategory = categories,
            BaseLabels = LabelDistribution.From(evaluations.Where(e => e.BaseScore is not null).Select(e => e.BaseScore!.Label)),
            FineTunedLabels = LabelDistribution.From(evaluations.Where(e => e.FineTunedScore is not null).Select(e => e.FineTunedScore!.Label)),
            Failures = evaluations.SelectMany(e => e.Failures).ToList(),
            Usage = new EvaluationUsage(
                TokenUsage.Sum(usages.Select(u => u.Base)),
                TokenUsage.Sum(usages.Select(u => u.FineTuned)),
                TokenUsage.Sum(usages.Select(u => u.Judge))),
            Duration = duration,
            Pairs = evaluations,
        };
    }

    private static ComparisonSummary SimilaritySummary(IEnumerable<PairEvaluation> evaluations) =>
        ComparisonSummary.From(evaluations.Where(e => e.SimilarityOutcome is not null).Select(e => e.SimilarityOutcome!.Value));

    private ComparisonSummary? JudgeSummary(IEnumerable<PairEvaluation> evaluations) =>
        _judge is null ? null : ComparisonSummary.From(evaluations.Where(e => e.Judge is not null).Select(e => e.Judge!.Outcome));

    private static ResiliencePipeline BuildRetry(EvaluationOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientFailures.IsTransient),
                MaxRetryAttempts = options.MaxAttempts - 1,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,

                // A throttled service says how long to wait; capped so one response cannot stall the run.
                DelayGenerator = args => ValueTask.FromResult(
                    TransientFailures.RetryAfter(args.Outcome.Exception, time.GetUtcNow()) is { } wait
                        ? (TimeSpan?)(wait < options.MaxRetryAfter ? wait : options.MaxRetryAfter)
                        : null),
                OnRetry = args =>
                {
                    logger.LogInformation(
                        args.Outcome.Exception, "Retrying an evaluation call (attempt {Attempt}) after {Delay}", args.AttemptNumber + 2, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.Build();
    }
}
