using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Core.FineTuning;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Workflow.Activities;

/// <summary>One look at both uploaded files; the orchestration sleeps on a durable timer between looks.</summary>
public sealed class CheckFilesProcessed(FineTuningServiceClient service) : IWorkflowActivity<UploadedFiles, FilesProcessingState>
{
    public async Task<FilesProcessingState> RunAsync(UploadedFiles files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var training = await service.CheckFileAsync(files.TrainingFileId, cancellationToken);
        var validation = await service.CheckFileAsync(files.ValidationFileId, cancellationToken);
        var failed = new[] { training, validation }.FirstOrDefault(c => c.State == FileCheckState.Error);
        if (failed is not null)
        {
            return new FilesProcessingState(false, new RunError("file_not_processed", $"{failed.File.Id}: {failed.Message}", failed.File.FileName));
        }

        return new FilesProcessingState(training.State == FileCheckState.Processed && validation.State == FileCheckState.Processed, null);
    }
}
