using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Core.FineTuning;
using DpoPipeline.Workflow.Failures;
using Microsoft.Extensions.Logging;

namespace DpoPipeline.Workflow.Activities;

/// <summary>
/// Creates the run's DPO job. The client finds a job an earlier attempt created for the run (tagged with its id) and
/// returns it instead, so a retried or replayed activity never pays for a second job.
/// </summary>
public sealed class CreateFineTuningJob(FineTuningServiceClient service, ILogger<CreateFineTuningJob> logger) : IWorkflowActivity<CreateJobRequest, string>
{
    public async Task<string> RunAsync(CreateJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var job = await QuotaRefusals.TranslateAsync(() => service.CreateDpoJobAsync(
            new DpoJobRequest
            {
                RunId = request.RunId,
                Model = request.BaseModel,
                TrainingFileId = request.TrainingFileId,
                ValidationFileId = request.ValidationFileId,
                Suffix = request.Suffix,
                Seed = request.Seed,
                Metadata = request.Metadata,
                Hyperparameters = new DpoHyperparameters
                {
                    Beta = request.Beta,
                    BatchSize = request.BatchSize,
                    LearningRateMultiplier = request.LearningRateMultiplier,
                    Epochs = request.Epochs,
                },
            },
            cancellationToken));
        logger.LogInformation("Run {RunId}: DPO job {JobId} on {Model} is {Status}.", request.RunId, job.Id, request.BaseModel, job.RawStatus);
        return job.Id;
    }
}
