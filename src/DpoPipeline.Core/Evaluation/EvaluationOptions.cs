using DpoPipeline.Core.Costs;
using DpoPipeline.Core.Tokens;

namespace DpoPipeline.Core.Evaluation;

/// <summary>How an evaluation runs: concurrency, retries, the seed, the judge's calibration, provenance and pricing.</summary>
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
    /// Lexical proxy comparison: the fine-tuned answer wins when its margin (preferred minus non-preferred
    /// similarity) beats the base answer's by more than this; a smaller difference is a tie.
    /// </summary>
    public double TieMargin { get; init; } = 0.02;

    public LexicalProxyOptions LexicalProxy { get; init; } = new();

    /// <summary>Sent as <c>seed</c> with every answer and judge request, and recorded; null sends none.</summary>
    public long? Seed { get; init; }

    /// <summary>Held-out pairs the judge compares (chosen against rejected) before it judges the models; 0 skips calibration.</summary>
    public int JudgeCalibrationPairs { get; init; } = 50;

    /// <summary>A judge agreeing with the dataset's labels less often than this has its win rate flagged unreliable.</summary>
    public double MinimumJudgeAgreement { get; init; } = 0.70;

    /// <summary>The judge prompt; the current version by default.</summary>
    public JudgeRubric? JudgeRubric { get; init; }

    /// <summary>
    /// The service the deployments are on, recorded as the answers' provenance; the caller knows its endpoint
    /// (<see cref="EvaluationService.FromEndpoint"/>). Null records that it was not said.
    /// </summary>
    public EvaluationService? Service { get; init; }

    /// <summary>The models behind the deployments; with them the result carries an estimated cost.</summary>
    public EvaluationModels? Models { get; init; }

    /// <summary>Prices for <see cref="Models"/>; the embedded table by default.</summary>
    public PriceTable? Prices { get; init; }

    /// <summary>Token encoding answer lengths are counted in (o200k_base for the gpt-4o and gpt-4.1 families).</summary>
    public string TokenEncoding { get; init; } = TokenizerCatalog.O200kBase;

    internal EvaluationOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrency, 1, nameof(MaxConcurrency));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryDelay, TimeSpan.Zero, nameof(RetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryAfter, TimeSpan.Zero, nameof(MaxRetryAfter));
        ArgumentOutOfRangeException.ThrowIfNegative(TieMargin, nameof(TieMargin));
        ArgumentOutOfRangeException.ThrowIfNegative(JudgeCalibrationPairs, nameof(JudgeCalibrationPairs));
        ArgumentOutOfRangeException.ThrowIfNegative(MinimumJudgeAgreement, nameof(MinimumJudgeAgreement));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MinimumJudgeAgreement, 1, nameof(MinimumJudgeAgreement));
        if (!TokenizerCatalog.KnownEncodings.Contains(TokenEncoding, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Unknown token encoding '{TokenEncoding}'.", nameof(TokenEncoding));
        }

        return this;
    }
}
