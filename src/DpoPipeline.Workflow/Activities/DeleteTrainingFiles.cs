using DpoPipeline.Core.FineTuning;
using DpoPipeline.Workflow.Hosting;

namespace DpoPipeline.Workflow.Activities;

/// <summary>Removes the uploaded copies once the job no longer needs them; a file already gone counts as deleted.</summary>
public sealed class DeleteTrainingFiles(FineTuningServiceClient service) : IWorkflowActivity<UploadedFiles, bool>
{
    public async Task<bool> RunAsync(UploadedFiles files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var deleted = true;
        foreach (var id in new[] { files.TrainingFileId, files.ValidationFileId }.OfType<string>())
        {
            deleted &= await service.DeleteFileAsync(id, cancellationToken);
        }

        return deleted;
    }
}
