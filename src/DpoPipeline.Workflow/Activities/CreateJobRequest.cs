namespace DpoPipeline.Workflow.Activities;

/// <param name="Metadata">Extra job metadata, e.g. the sweep a variant's job belongs to.</param>
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
    int? Epochs,
    IReadOnlyDictionary<string, string>? Metadata = null);
