namespace DpoPipeline.Workflow.Activities;

/// <param name="BaseModel">The model the SFT stage starts from (the run's resolved base model).</param>
public sealed record CreateSftJobRequest(
    string RunId, string BaseModel, string TrainingFileId, string? ValidationFileId, int? Seed, int? BatchSize, double? LearningRateMultiplier, int? Epochs);
