namespace DpoPipeline.Workflow.Activities;

/// <param name="ValidationFileId">Null when the dataset was too small for a validation split.</param>
public sealed record UploadedFiles(string TrainingFileId, string? ValidationFileId);
