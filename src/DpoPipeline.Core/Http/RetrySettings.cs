namespace DpoPipeline.Core.Http;

/// <summary>
/// Bounded, jittered exponential retries for 408/429/5xx and dropped connections. Bound from the "Retry" subsection of
/// "OpenAI" and "Arm" (e.g. <c>OpenAI__Retry__MaxRetries</c>).
/// </summary>
public sealed class RetrySettings
{
    /// <summary>Retries after the first attempt; 0 disables retrying.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>First backoff delay; later ones grow exponentially with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of one computed backoff delay.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest server-requested wait (Retry-After) the client sleeps through. A longer one (a quota reset hours away)
    /// is not slept: the error surfaces with its RetryAfter so a durable orchestration can wait on a timer instead.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Time allowed for one HTTP attempt; a longer one counts as a transient failure.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

    internal void Validate(string section)
    {
        if (MaxRetries < 0 || BaseDelay < TimeSpan.Zero || MaxDelay < BaseDelay || MaxRetryAfter < TimeSpan.Zero
            || NetworkTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                $"{section}:Retry is invalid: MaxRetries must be ≥ 0, BaseDelay ≥ 0, MaxDelay ≥ BaseDelay, MaxRetryAfter ≥ 0 and NetworkTimeout > 0.");
        }
    }
}
