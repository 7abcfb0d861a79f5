using DpoPipeline.Core.FineTuning;
using Microsoft.Extensions.Logging;

namespace DpoPipeline.Workflow.Activities;

/// <summary>
/// Creates the run's DPO job — or finds the one an earlier attempt created, so a retried or replayed activity
/// never pays for a second job.
/// </summary>
public sealed class CreateFineTuningJob(FineTuningServiceClient service, ILogger<CreateFineTuningJob> logger)
{
    public async Task<string> RunAsync(CreateJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var existing = await service.FindRunJobAsync(request.RunId, cancellationToken);
        if (existing is not null)
        {
            logger.LogInformation("Run {RunId}: job {JobId} already exists; not creating another.", request.RunId, existing.Id);
            return existing.Id;
        }

        var job = await service.CreateDpoJobAsync(
            new DpoJobRequest
            {
                RunId = request.RunId,
                Model = request.BaseModel,
                TrainingFileId = request.TrainingFileId,
                ValidationFileId = request.ValidationFileId,
                Suffix = request.Suffix,
                Seed = request.Seed,
                Hyperparameters = new DpoHyperparameters
                {
                    Beta = request.Beta,
                    BatchSize = request.BatchSize,
                    LearningRateMultiplier = request.LearningRateMultiplier,
                    Epochs = request.Epochs,
                },
            },
            cancellationToken);
        logger.LogInformation("Run {RunId}: created DPO job {JobId} on {Model}.", request.RunId, job.Id, request.BaseModel);
        return job.Id;
    }
}
