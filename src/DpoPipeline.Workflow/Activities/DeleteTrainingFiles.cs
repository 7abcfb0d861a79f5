using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Core.FineTuning;

namespace DpoPipeline.Workflow.Activities;

/// <summary>Removes the uploaded copies once the job no longer needs them; a file already gone counts as deleted.</summary>
public sealed class DeleteTrainingFiles(FineTuningServiceClient service) : IWorkflowActivity<UploadedFiles, bool>
{
    public async Task<bool> RunAsync(UploadedFiles files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var training = await service.DeleteFileAsync(files.TrainingFileId, cancellationToken);
        var validation = await service.DeleteFileAsync(files.ValidationFileId, cancellationToken);
        return training && validation;
    }
}
