namespace DpoPipeline.Workflow.Activities;

/// <param name="DeploymentTtl">How long the deployment will be hosted, in the service's time.</param>
/// <param name="SftTrainingTokensPerEpoch">The SFT stage's training tokens per epoch when the run trains SFT first; 0 otherwise.</param>
public sealed record CostEstimateRequest(
    string BaseModel, long TrainingTokensPerEpoch, int? Epochs, string DeploymentSku, int DeploymentCapacity, TimeSpan DeploymentTtl,
    long SftTrainingTokensPerEpoch = 0);
