namespace DpoPipeline.Workflow.Activities;

/// <param name="DeploymentTtl">How long the deployment will be hosted, in the service's time.</param>
/// <param name="SftTrainingTokensPerEpoch">The SFT stage's training tokens per epoch when the run trains SFT first; 0 otherwise.</param>
/// <param name="SweepEpochs">For a sweep: each variant's epochs (null: auto); every variant's training is counted.</param>
/// <param name="MeasurementSku">For a sweep: the SKU of the deployment each variant is measured on.</param>
public sealed record CostEstimateRequest(
    string BaseModel,
    long TrainingTokensPerEpoch,
    int? Epochs,
    string DeploymentSku,
    int DeploymentCapacity,
    TimeSpan DeploymentTtl,
    long SftTrainingTokensPerEpoch = 0,
    IReadOnlyList<int?>? SweepEpochs = null,
    string? MeasurementSku = null);
