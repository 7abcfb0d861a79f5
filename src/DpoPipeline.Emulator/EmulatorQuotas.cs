namespace DpoPipeline.Emulator;

/// <summary>Per-resource limits of Azure OpenAI fine-tuning, defaulting to the documented ones.</summary>
public sealed class EmulatorQuotas
{
    /// <summary>Jobs training at once; others wait in `queued`.</summary>
    public int MaxRunningJobs { get; set; } = 1;

    /// <summary>Jobs waiting (not yet running, not terminal) beyond which creation answers 429.</summary>
    public int MaxQueuedJobs { get; set; } = 20;

    /// <summary>Deployments of fine-tuned models per account beyond which PUT answers InsufficientQuota.</summary>
    public int MaxFineTunedDeployments { get; set; } = 5;

    public int MaxFiles { get; set; } = 50;

    /// <summary>Seconds sent in Retry-After when a quota answers 429.</summary>
    public int RetryAfterSeconds { get; set; } = 60;

    internal void Validate()
    {
        if (MaxRunningJobs < 1 || MaxQueuedJobs < 0 || MaxFineTunedDeployments < 0 || MaxFiles < 1 || RetryAfterSeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(EmulatorQuotas), "Quotas must be non-negative, and at least one running job and one file.");
        }
    }
}
