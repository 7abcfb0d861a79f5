using DpoPipeline.Core.FineTuning;
using DpoPipeline.Core.Sweeps;
using DpoPipeline.Workflow.Configuration;
using DpoPipeline.Workflow.Preparation;

namespace DpoPipeline.Workflow.Runs;

/// <summary>
/// Merges a run's overrides over the configured defaults and refuses combinations the service or the pipeline
/// cannot honour, listing every problem at once so a user fixes them in one go.
/// </summary>
public static class RunOptionsResolver
{
    private static readonly string[] KnownSkus = ["standard", "globalstandard", "developertier"];

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
            SftFirst = (o.SftFirst ?? false) || !string.IsNullOrWhiteSpace(o.SftData),
            SftData = string.IsNullOrWhiteSpace(o.SftData) ? null : o.SftData,
            EvaluationBaseDeployment = string.IsNullOrWhiteSpace(defaults.EvaluationBaseDeployment) ? null : defaults.EvaluationBaseDeployment,
        };

        var problems = Check(options, defaults);
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
        if (o.Sweep is { } sweep)
        {
            options = options with { Sweep = ResolveSweep(sweep, options, defaults, problems) };
        }

        if (!NewVersionPolicy.IsKnown(defaults.OnNewVersion))
        {
            problems.Add($"Pipeline:OnNewVersion: '{defaults.OnNewVersion}' is not {NewVersionPolicy.Supersede} or {NewVersionPolicy.Parallel}.");
        }

        if (defaults.ServiceTimeScale < 1)
        {
            problems.Add("Pipeline:ServiceTimeScale: must be at least 1 (1 for Azure).");
        }

        return problems.Count == 0 ? ServiceTime.Compress(options, defaults.ServiceTimeScale) : throw new RunOptionsException(problems);
    }

    /// <summary>
    /// Expands the sweep over the run's hyperparameters. Measurement deployments are developer tier (no hosting fee) when
    /// that SKU is allowed here, else the run's own SKU with capacity 1.
    /// </summary>
    private static RunSweep? ResolveSweep(Dictionary<string, double[]> sweep, RunOptions options, PipelineOptions limits, List<string> problems)
    {
        try
        {
            var spec = SweepSpec.Parse(sweep.Select(p => new KeyValuePair<string, IReadOnlyList<double>>(p.Key, p.Value ?? [])));
            var found = spec.Check(limits.MaxSweepVariants);
            problems.AddRange(found);
            var measurementSku = AllowedSkus(limits, []).Contains("developertier") ? "developertier" : options.DeploymentSku;
            return found.Count > 0 ? null : new RunSweep(
                spec.Expand(new DpoHyperparameters
                {
                    Beta = options.Beta,
                    BatchSize = options.BatchSize,
                    LearningRateMultiplier = options.LearningRateMultiplier,
                    Epochs = options.Epochs,
                }),
                measurementSku);
        }
        catch (SweepSpecException e)
        {
            problems.AddRange(e.Problems);
            return null;
        }
    }

    private static List<string> Check(RunOptions options, PipelineOptions limits)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BaseModel))
        {
            problems.Add("baseModel: a base model is required (e.g. gpt-4.1-mini-2025-04-14).");
        }

        var allowed = AllowedSkus(limits, problems);
        if (!allowed.Contains(options.DeploymentSku))
        {
            problems.Add($"deploymentSku: '{options.DeploymentSku}' is not allowed here; use one of {string.Join(", ", allowed)} (Pipeline__AllowedDeploymentSkus).");
        }

        if (options.DeploymentCapacity < 1 || options.DeploymentCapacity > limits.MaxDeploymentCapacity)
        {
            problems.Add($"deploymentCapacity: must be between 1 and {limits.MaxDeploymentCapacity} (Pipeline__MaxDeploymentCapacity).");
        }

        if (options.DeploymentTtl <= TimeSpan.Zero || options.DeploymentTtl.TotalHours > limits.MaxDeploymentTtlHours)
        {
            problems.Add($"deploymentTtlHours: must be more than 0 and at most {limits.MaxDeploymentTtlHours} (Pipeline__MaxDeploymentTtlHours).");
        }

        if (options.ValidationFraction is < 0 or > 0.5)
        {
            problems.Add("validationFraction: must be from 0 (no validation file) to 0.5.");
        }

        if (options.BudgetLimitUsd < 0)
        {
            problems.Add("budgetLimitUsd: must not be negative.");
        }
        else if (options.BudgetLimitUsd > limits.BudgetLimitUsd)
        {
            problems.Add($"budgetLimitUsd: {options.BudgetLimitUsd} is above the ceiling of {limits.BudgetLimitUsd} USD (Pipeline__BudgetLimitUsd); a run may lower its budget, never raise it. Above the ceiling a run waits for an admin's approval.");
        }

        if (options.MaxRunTime <= TimeSpan.Zero)
        {
            problems.Add("maxRunHours: must be more than 0.");
        }

        return problems;
    }

    private static string[] AllowedSkus(PipelineOptions limits, List<string> problems)
    {
        var allowed = limits.AllowedDeploymentSkus.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToLowerInvariant())
            .ToArray();
        foreach (var unknown in allowed.Except(KnownSkus))
        {
            problems.Add($"Pipeline:AllowedDeploymentSkus: '{unknown}' is not one of {string.Join(", ", KnownSkus)}.");
        }

        return [.. allowed.Intersect(KnownSkus)];
    }
}
