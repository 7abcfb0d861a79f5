namespace DpoPipeline.Core.Quotas;

/// <summary>The per-resource limits of Azure OpenAI fine-tuning that runs queue for.</summary>
public enum QuotaKind
{
    /// <summary>A fine-tuning job from creation until it ends (the service trains one per resource at a time).</summary>
    FineTuningJob,

    /// <summary>A deployment of a fine-tuned model (five per resource by default).</summary>
    FineTunedDeployment,
}
