namespace DpoPipeline.Workflow.Configuration;

/// <summary>Defaults for every run, from app settings <c>Pipeline__*</c>; a run may override them.</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    public string DefaultBaseModel { get; set; } = "gpt-4.1-mini-2025-04-14";

    public double? Beta { get; set; }

    public int? BatchSize { get; set; }

    public double? LearningRateMultiplier { get; set; }

    public int? Epochs { get; set; }

    /// <summary>Developer tier has no hosting fee, which suits evaluation deployments that live for hours.</summary>
    public string DeploymentSku { get; set; } = "developertier";

    public int DeploymentCapacity { get; set; } = 1;

    public double DeploymentTtlHours { get; set; } = 24;

    /// <summary>The SKUs a run may deploy with, comma-separated; the default SKU must be one of them.</summary>
    public string AllowedDeploymentSkus { get; set; } = "developertier,standard,globalstandard";

    /// <summary>The most capacity (thousands of tokens per minute) a run may ask for.</summary>
    public int MaxDeploymentCapacity { get; set; } = 10;

    /// <summary>The longest a run's deployment may serve before it is deleted.</summary>
    public double MaxDeploymentTtlHours { get; set; } = 72;

    /// <summary>
    /// The ceiling of a run's estimated cost (training plus hosting for the TTL): above it the run waits for an admin's
    /// approval. A run may ask for a lower budget, never a higher one.
    /// </summary>
    public decimal BudgetLimitUsd { get; set; } = 25m;

    /// <summary>The most variants (jobs) one sweep may train; a sweep of more is refused before anything is paid.</summary>
    public int MaxSweepVariants { get; set; } = 6;

    public double ApprovalTimeoutHours { get; set; } = 24;

    public double MaxRunHours { get; set; } = 168;

    public string Owner { get; set; } = "dpopipeline";

    /// <summary><see cref="NewVersionPolicy.Supersede"/> (default) or <see cref="NewVersionPolicy.Parallel"/>.</summary>
    public string OnNewVersion { get; set; } = NewVersionPolicy.Supersede;

    public string RunsContainer { get; set; } = "runs";

    /// <summary>
    /// The containers, comma-separated, whose blobs <c>POST /api/runs</c> may name as <c>datasetUri</c>; no other container
    /// of the account (the runs, the task hub's, the host's secrets) is readable that way.
    /// </summary>
    public string DatasetContainers { get; set; } = "datasets";

    /// <summary>Where Event Grid keeps the dataset events it could not deliver; the cleanup timer starts their runs.</summary>
    public string DeadLetterContainer { get; set; } = "deadletters";

    public IReadOnlyList<string> DatasetContainerNames =>
        DatasetContainers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Held-out pairs asked of both models; each costs two completions (four more with a judge).</summary>
    public int EvaluationSampleSize { get; set; } = 50;

    /// <summary>
    /// An existing deployment of the base model to compare against. Unset: each run deploys the base model pay-per-token
    /// (GlobalStandard, no hosting fee) for its evaluation and deletes it right after.
    /// </summary>
    public string? EvaluationBaseDeployment { get; set; }

    /// <summary>A deployment used as a pairwise judge; unset keeps to the local similarity score.</summary>
    public string? JudgeDeployment { get; set; }

    /// <summary>
    /// Fine-tuning jobs of the pipeline's runs created at once (Azure OpenAI trains one per resource and queues about 20);
    /// further runs wait their turn in phase Queued instead of failing.
    /// </summary>
    public int MaxRunningJobs { get; set; } = 1;

    /// <summary>Deployments of fine-tuned models the pipeline keeps at once (Azure OpenAI allows five per resource by default).</summary>
    public int MaxFineTunedDeployments { get; set; } = 5;

    /// <summary>After the service refused a slot for quota, how long that kind stays closed before a queued run tries again.</summary>
    public double QuotaRecheckMinutes { get; set; } = 5;

    /// <summary>
    /// Only against an emulator whose clock runs this many times faster than real time: every run's poll intervals and
    /// deadlines shrink alike (see <see cref="Runs.ServiceTime"/>). 1 (the default) for Azure.
    /// </summary>
    public double ServiceTimeScale { get; set; } = 1;
}
