using System.Text.Json.Serialization;

namespace DpoPipeline.Workflow.Runs;

/// <summary>Per-run choices. Null hyperparameters mean "let the service choose" (reported back as -1 by Azure).</summary>
public sealed record RunOptions
{
    public required string BaseModel { get; init; }

    public double? Beta { get; init; }

    public int? BatchSize { get; init; }

    public double? LearningRateMultiplier { get; init; }

    public int? Epochs { get; init; }

    public int? Seed { get; init; }

    /// <summary>Suffix for the fine-tuned model name (≤ 40 chars of [A-Za-z0-9_-]); defaults to one derived from the run id.</summary>
    public string? Suffix { get; init; }

    /// <summary>DPO field → source field, for shapes the detector cannot recognise (e.g. chosen → good_response).</summary>
    public IReadOnlyDictionary<string, string>? Mapping { get; init; }

    public string? Format { get; init; }

    public string? Shape { get; init; }

    public double ValidationFraction { get; init; } = 0.1;

    public bool Deduplicate { get; init; } = true;

    public required string DeploymentSku { get; init; }

    public int DeploymentCapacity { get; init; } = 1;

    public TimeSpan DeploymentTtl { get; init; } = TimeSpan.FromHours(24);

    public decimal BudgetLimitUsd { get; init; }

    public TimeSpan ApprovalTimeout { get; init; } = TimeSpan.FromHours(24);

    public TimeSpan MaxRunTime { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How many times faster than real time the service's clock runs (1 for Azure); the durations above are divided by it.</summary>
    public double ServiceTimeScale { get; init; } = 1;

    /// <summary>The deployment's lifetime in the service's own time: what its hosting is billed for.</summary>
    [JsonIgnore]
    public TimeSpan ServiceTtl => DeploymentTtl * ServiceTimeScale;

    /// <summary>
    /// An existing deployment of the base model to compare against (an app setting). Null: the run deploys the base model
    /// pay-per-token for its evaluation and deletes it right after.
    /// </summary>
    public string? EvaluationBaseDeployment { get; init; }

    /// <summary>Poll and retry intervals; Azure's by default. Not a user option: only the host sets it.</summary>
    public RunTiming Timing { get; init; } = RunTiming.Azure;

    /// <summary>The run's hyperparameter sweep, expanded into its variants; null for a run of one job.</summary>
    public RunSweep? Sweep { get; init; }
    /// <summary>Train SFT before DPO, in the same run; DPO then starts from the SFT model.</summary>
    public bool SftFirst { get; init; }

    /// <summary>Where the SFT stage's own demonstration data is (relative to the dataset, or absolute); null derives it from the pairs.</summary>
    public string? SftData { get; init; }

    /// <summary>Tag value that marks deployments as created by this pipeline; cleanup only ever touches those.</summary>
    public required string Owner { get; init; }
}
