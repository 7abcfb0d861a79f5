using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace DpoPipeline.Core.Evaluation;

/// <summary>
/// Makes an evaluation's calls: transient failures are retried (honouring the service's Retry-After, capped), and a
/// call that still fails is recorded as an <see cref="EvaluationFailure"/> instead of thrown, so one bad example or a
/// flaky deployment cannot sink the whole evaluation. Only cancellation escapes.
/// </summary>
internal sealed class EvaluationCalls(EvaluationOptions options, TimeProvider time, ILogger logger)
{
    private readonly ResiliencePipeline _retry = BuildRetry(options, time, logger);

    /// <summary>The call's result, or null after recording its failure in <paramref name="failures"/>.</summary>
    public async Task<T?> TryAsync<T>(
        int pairIndex, EvaluationStage stage, ICollection<EvaluationFailure> failures, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await _retry.ExecuteAsync(async token => await call(token), cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Evaluation call {Stage} failed for example {PairIndex}", stage, pairIndex);
            failures.Add(new EvaluationFailure(pairIndex, stage, $"{ex.GetType().Name}: {ex.Message}"));
            return null;
        }
    }

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
