using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Core.FineTuning;
using DpoPipeline.Workflow.Storage;
using Microsoft.Extensions.Logging;

namespace DpoPipeline.Workflow.Activities;

/// <summary>Streams the converted train and validation files from run storage to the fine-tuning service.</summary>
public sealed class UploadTrainingFiles(FineTuningServiceClient service, IRunFiles files, ILogger<UploadTrainingFiles> logger) : IWorkflowActivity<UploadFilesRequest, UploadedFiles>
{
    public async Task<UploadedFiles> RunAsync(UploadFilesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var training = await UploadAsync(request.TrainingFileUri, $"{request.RunId}-train.jsonl", cancellationToken);
        var validation = await UploadAsync(request.ValidationFileUri, $"{request.RunId}-validation.jsonl", cancellationToken);
        logger.LogInformation("Run {RunId}: uploaded training file {TrainingFileId} and validation file {ValidationFileId}.",
            request.RunId, training, validation);
        return new UploadedFiles(training, validation);
    }

    private async Task<string> UploadAsync(Uri source, string name, CancellationToken cancellationToken)
    {
        await using var content = await files.OpenReadAsync(source, cancellationToken);
        return (await service.UploadFileAsync(content, name, cancellationToken)).Id;
    }
}
