using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace DpoPipeline.Core.Http;

/// <summary>
/// Retries one service operation (every attempt builds a fresh request) while it fails transiently: jittered
/// exponential backoff, the server's Retry-After when it sent one, and a bounded number of attempts. Validation
/// errors (4xx other than 408/429) are never retried.
/// </summary>
internal sealed class ServiceResilience
{
    private readonly ResiliencePipeline _pipeline;

    public ServiceResilience(RetrySettings settings, TimeProvider timeProvider, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (settings.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.BaseDelay,
                MaxDelay = settings.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is AzureOpenAIServiceException { IsTransient: true } failure
                    && (failure.RetryAfter is null || failure.RetryAfter <= settings.MaxRetryAfter)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is AzureOpenAIServiceException { RetryAfter: { } wait } ? wait : (TimeSpan?)null),
                OnRetry = args =>
                {
                    var failure = (AzureOpenAIServiceException)args.Outcome.Exception!;
                    logger.LogWarning(
                        "{Operation} failed with {Kind} (HTTP {StatusCode}); retry {Attempt} of {MaxRetries} in {Delay}",
                        failure.Operation, failure.Kind, failure.StatusCode, args.AttemptNumber + 1, settings.MaxRetries, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        _pipeline = builder.Build();
    }

    public ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> attempt, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(static (attempt, token) => attempt(token), attempt, cancellationToken);
}
