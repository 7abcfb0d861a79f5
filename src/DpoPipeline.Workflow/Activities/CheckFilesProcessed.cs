using DpoPipeline.Core.FineTuning;
using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Workflow.Activities;

/// <summary>One look at the uploaded files; the orchestration sleeps on a durable timer between looks.</summary>
public sealed class CheckFilesProcessed(FineTuningServiceClient service) : IWorkflowActivity<UploadedFiles, FilesProcessingState>
{
    public async Task<FilesProcessingState> RunAsync(UploadedFiles files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var checks = new List<FileCheckResult>();
        foreach (var id in new[] { files.TrainingFileId, files.ValidationFileId }.OfType<string>())
        {
            checks.Add(await service.CheckFileAsync(id, cancellationToken));
        }

        var failed = checks.FirstOrDefault(c => c.State == FileCheckState.Error);
        if (failed is not null)
        {
            return new FilesProcessingState(false, new RunError("file_not_processed", $"{failed.File.Id}: {failed.Message}", failed.File.FileName));
        }

        return new FilesProcessingState(checks.TrueForAll(c => c.State == FileCheckState.Processed), null);
    }
}
