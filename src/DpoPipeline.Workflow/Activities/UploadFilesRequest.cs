namespace DpoPipeline.Workflow.Activities;

/// <param name="Sft">True for the SFT stage's files, which carry their own names (<see cref="Runs.RunFileNames.SftTraining"/>).</param>
public sealed record UploadFilesRequest(string RunId, Uri TrainingFileUri, Uri? ValidationFileUri, bool Sft = false);
