namespace DpoPipeline.Workflow.Activities;

public sealed record UploadedFiles(string TrainingFileId, string ValidationFileId);
