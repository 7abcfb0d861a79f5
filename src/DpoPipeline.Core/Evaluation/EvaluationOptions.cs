namespace DpoPipeline.Core.Evaluation;

/// <summary>How an evaluation runs: concurrency, retries and the similarity thresholds.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Examples evaluated at once (each has at most one call in flight).</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>Attempts per call, the first included; only transient failures are retried.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait honoured from a throttled response's Retry-After before the next attempt.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Local-similarity comparison: the fine-tuned answer wins when its margin (preferred minus non-preferred
    /// similarity) beats the base answer's by more than this; a smaller difference is a tie.
    /// </summary>
    public double TieMargin { get; init; } = 0.02;

    public SimilarityOptions Similarity { get; init; } = new();

    internal EvaluationOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrency, 1, nameof(MaxConcurrency));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryDelay, TimeSpan.Zero, nameof(RetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryAfter, TimeSpan.Zero, nameof(MaxRetryAfter));
        ArgumentOutOfRangeException.ThrowIfNegative(TieMargin, nameof(TieMargin));
        return this;
    }
}
