namespace DpoPipeline.Workflow.Activities;

/// <param name="DeploymentTtl">How long the deployment will be hosted, in the service's time.</param>
public sealed record CostEstimateRequest(
    string BaseModel, long TrainingTokensPerEpoch, int? Epochs, string DeploymentSku, int DeploymentCapacity, TimeSpan DeploymentTtl);
