namespace DpoPipeline.Workflow.Activities;

/// <param name="Model">The model to deploy: the run's fine-tuned model, or the base model for the evaluation.</param>
/// <param name="Name">The deployment's name; the run's own name (from its id) when null.</param>
public sealed record DeployRequest(string RunId, string Model, string Sku, int Capacity, DateTime ExpiresAt, string Owner, string? Name = null);
