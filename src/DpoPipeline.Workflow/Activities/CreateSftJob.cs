using DpoPipeline.Core.FineTuning;
using DpoPipeline.Workflow.Failures;
using DpoPipeline.Workflow.Hosting;
using Microsoft.Extensions.Logging;

namespace DpoPipeline.Workflow.Activities;

/// <summary>
/// Creates the run's SFT job (method supervised, tagged with the run and <c>dpo_stage: sft</c>). Like the DPO job, a
/// retried or replayed activity finds the job an earlier attempt created instead of paying for a second one.
/// </summary>
public sealed class CreateSftJob(FineTuningServiceClient service, ILogger<CreateSftJob> logger) : IWorkflowActivity<CreateSftJobRequest, string>
{
    public async Task<string> RunAsync(CreateSftJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var job = await QuotaRefusals.TranslateAsync(() => service.CreateSftJobAsync(
            new SftJobRequest
            {
                RunId = request.RunId,
                Model = request.BaseModel,
                TrainingFileId = request.TrainingFileId,
                ValidationFileId = request.ValidationFileId,
                Seed = request.Seed,
                BatchSize = request.BatchSize,
                LearningRateMultiplier = request.LearningRateMultiplier,
                Epochs = request.Epochs,
            },
            cancellationToken));
        logger.LogInformation("Run {RunId}: SFT job {JobId} on {Model} is {Status}.", request.RunId, job.Id, request.BaseModel, job.RawStatus);
        return job.Id;
    }
}
