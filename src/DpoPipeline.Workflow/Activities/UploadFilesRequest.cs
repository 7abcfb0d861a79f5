namespace DpoPipeline.Workflow.Activities;

public sealed record UploadFilesRequest(string RunId, Uri TrainingFileUri, Uri? ValidationFileUri);
