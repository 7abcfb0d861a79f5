namespace DpoPipeline.Core.Deployments;

/// <summary>A deployment of a run's fine-tuned model; its name derives from the run id unless given.</summary>
public sealed record DeploymentRequest
{
    public required string RunId { get; init; }

    /// <summary>The job's fine_tuned_model, e.g. gpt-4.1-mini-2025-04-14.ft-0123…-run42.</summary>
    public required string ModelName { get; init; }

    /// <summary>Value of the <c>owner</c> tag (Pipeline__Owner); cleanup deletes only deployments it owns.</summary>
    public required string Owner { get; init; }

    public DeploymentSku Sku { get; init; } = DeploymentSku.DeveloperTier;

    public int Capacity { get; init; } = 1;

    /// <summary>Value of the <c>expires_at</c> tag; the cleanup timer deletes the deployment after it.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public string ModelVersion { get; init; } = "1";

    public string ModelFormat { get; init; } = "OpenAI";

    /// <summary>Deployment name; null means <see cref="DeploymentNames.ForRun"/>.</summary>
    public string? Name { get; init; }

    public string DeploymentName => Name ?? DeploymentNames.ForRun(RunId);
}
