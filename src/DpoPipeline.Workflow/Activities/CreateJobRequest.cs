namespace DpoPipeline.Workflow.Activities;

public sealed record CreateJobRequest(
    string RunId,
    string BaseModel,
    string TrainingFileId,
    string? ValidationFileId,
    string? Suffix,
    int? Seed,
    double? Beta,
    int? BatchSize,
    double? LearningRateMultiplier,
    int? Epochs);
