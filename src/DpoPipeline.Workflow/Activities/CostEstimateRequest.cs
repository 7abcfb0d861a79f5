namespace DpoPipeline.Workflow.Activities;

public sealed record CostEstimateRequest(string BaseModel, long TrainingTokensPerEpoch, int? Epochs);
