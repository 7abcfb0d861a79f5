namespace DpoPipeline.Workflow.Activities;

public sealed record DeployRequest(string RunId, string FineTunedModel, string Sku, int Capacity, DateTime ExpiresAt, string Owner);
