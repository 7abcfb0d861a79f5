using DpoPipeline.Core.FineTuning;
using DpoPipeline.Workflow.Configuration;
using DpoPipeline.Workflow.Preparation;

namespace DpoPipeline.Workflow.Runs;

/// <summary>
/// Merges a run's overrides over the configured defaults and refuses combinations the service or the pipeline
/// cannot honour, listing every problem at once so a user fixes them in one go.
/// </summary>
public static class RunOptionsResolver
{
    private static readonly string[] Skus = ["standard", "globalstandard", "developertier"];

    /// <exception cref="RunOptionsException">Some option is out of range.</exception>
    public static RunOptions Resolve(PipelineOptions defaults, RunOverrides? overrides)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var o = overrides ?? new RunOverrides();
        var options = new RunOptions
        {
            BaseModel = o.BaseModel ?? defaults.DefaultBaseModel,
            Beta = o.Beta ?? defaults.Beta,
            BatchSize = o.BatchSize ?? defaults.BatchSize,
            LearningRateMultiplier = o.LearningRateMultiplier ?? defaults.LearningRateMultiplier,
            Epochs = o.Epochs ?? defaults.Epochs,
            Seed = o.Seed,
            Suffix = o.Suffix,
            Mapping = o.Mapping,
            Format = o.Format,
            Shape = o.Shape,
            ValidationFraction = o.ValidationFraction ?? 0.1,
            Deduplicate = o.Deduplicate ?? true,
            DeploymentSku = (o.DeploymentSku ?? defaults.DeploymentSku).ToLowerInvariant(),
            DeploymentCapacity = o.DeploymentCapacity ?? defaults.DeploymentCapacity,
            DeploymentTtl = TimeSpan.FromHours(o.DeploymentTtlHours ?? defaults.DeploymentTtlHours),
            BudgetLimitUsd = o.BudgetLimitUsd ?? defaults.BudgetLimitUsd,
            ApprovalTimeout = TimeSpan.FromHours(defaults.ApprovalTimeoutHours),
            MaxRunTime = TimeSpan.FromHours(o.MaxRunHours ?? defaults.MaxRunHours),
            Owner = defaults.Owner,
        };

        var problems = Check(options);
        try
        {
            DatasetSettings.From(options);
        }
        catch (RunOptionsException e)
        {
            problems.AddRange(e.Problems);
        }

        problems.AddRange(DpoJobRequestValidator.ValidateHyperparameters(new DpoHyperparameters
        {
            Beta = options.Beta,
            BatchSize = options.BatchSize,
            LearningRateMultiplier = options.LearningRateMultiplier,
            Epochs = options.Epochs,
        }));
        problems.AddRange(DpoJobRequestValidator.ValidateSuffix(options.Suffix));
        if (defaults.ServiceTimeScale < 1)
        {
            problems.Add("Pipeline:ServiceTimeScale: must be at least 1 (1 for Azure).");
        }

        return problems.Count == 0 ? ServiceTime.Compress(options, defaults.ServiceTimeScale) : throw new RunOptionsException(problems);
    }

    private static List<string> Check(RunOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BaseModel))
        {
            problems.Add("baseModel: a base model is required (e.g. gpt-4.1-mini-2025-04-14).");
        }

        if (!Skus.Contains(options.DeploymentSku))
        {
            problems.Add($"deploymentSku: '{options.DeploymentSku}' is not one of {string.Join(", ", Skus)}.");
        }

        if (options.DeploymentCapacity is < 1 or > 1000)
        {
            problems.Add("deploymentCapacity: must be between 1 and 1000.");
        }

        if (options.DeploymentTtl <= TimeSpan.Zero || options.DeploymentTtl > TimeSpan.FromDays(30))
        {
            problems.Add("deploymentTtlHours: must be more than 0 and at most 720 (30 days).");
        }

        if (options.ValidationFraction is < 0 or > 0.5)
        {
            problems.Add("validationFraction: must be from 0 (no validation file) to 0.5.");
        }

        if (options.BudgetLimitUsd < 0)
        {
            problems.Add("budgetLimitUsd: must not be negative.");
        }

        if (options.MaxRunTime <= TimeSpan.Zero)
        {
            problems.Add("maxRunHours: must be more than 0.");
        }

        return problems;
    }
}
