using DpoPipeline.Core.FineTuning;
using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Workflow.Runs;
using DpoPipeline.Workflow.Storage;
using Microsoft.Extensions.Logging;

namespace DpoPipeline.Workflow.Activities;

/// <summary>
/// Streams the converted train and validation files from run storage to the fine-tuning service. Idempotent: each
/// file carries the run id in its name, so a retried attempt reuses what an earlier one stored (an upload whose answer
/// was lost) and deletes any further copy, instead of leaving duplicates behind.
/// </summary>
public sealed class UploadTrainingFiles(FineTuningServiceClient service, IRunFiles files, ILogger<UploadTrainingFiles> logger) : IWorkflowActivity<UploadFilesRequest, UploadedFiles>
{
    private const string Purpose = "fine-tune";

    public async Task<UploadedFiles> RunAsync(UploadFilesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stored = new List<FineTuningFile>();
        await foreach (var file in service.GetAllFilesAsync(Purpose, cancellationToken))
        {
            if (RunFileNames.BelongsTo(file.FileName, request.RunId))
            {
                stored.Add(file);
            }
        }

        var training = await UploadOnceAsync(
            request.TrainingFileUri, request.Sft ? RunFileNames.SftTraining(request.RunId) : RunFileNames.Training(request.RunId), stored, cancellationToken);
        var validation = request.ValidationFileUri is { } uri
            ? await UploadOnceAsync(uri, request.Sft ? RunFileNames.SftValidation(request.RunId) : RunFileNames.Validation(request.RunId), stored, cancellationToken)
            : null;
        logger.LogInformation("Run {RunId}: training file {TrainingFileId}, validation file {ValidationFileId}.",
            request.RunId, training, validation ?? "(none)");
        return new UploadedFiles(training, validation);
    }

    private async Task<string> UploadOnceAsync(Uri source, string name, List<FineTuningFile> stored, CancellationToken cancellationToken)
    {
        var usable = stored
            .Where(f => f.FileName == name && FileCheckResult.From(f).State != FileCheckState.Error)
            .OrderByDescending(f => f.CreatedAtUnix)
            .ToList();
        foreach (var extra in stored.Where(f => f.FileName == name).Except(usable.Take(1)))
        {
            logger.LogWarning("Deleting {FileId}, an extra or failed copy of {FileName} from an earlier attempt.", extra.Id, name);
            await service.DeleteFileAsync(extra.Id, cancellationToken);
        }

        if (usable.Count > 0)
        {
            logger.LogInformation("Reusing {FileId}, stored as {FileName} by an earlier attempt.", usable[0].Id, name);
            return usable[0].Id;
        }

        await using var content = await files.OpenReadAsync(source, cancellationToken);
        return (await service.UploadFileAsync(content, name, cancellationToken)).Id;
    }
}
