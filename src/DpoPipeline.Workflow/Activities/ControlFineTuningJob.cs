using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Core.FineTuning;
using DpoPipeline.Core.Http;
using DpoPipeline.Workflow.Runs;
using Microsoft.Extensions.Logging;

namespace DpoPipeline.Workflow.Activities;

/// <summary>Pauses, resumes or cancels a job. A request the job's state does not allow is logged and answered with the job's status, not retried.</summary>
public sealed class ControlFineTuningJob(FineTuningServiceClient service, ILogger<ControlFineTuningJob> logger) : IWorkflowActivity<JobControlInput, string>
{
    public async Task<string> RunAsync(JobControlInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            var job = input.Action switch
            {
                JobControlAction.Pause => await service.PauseJobAsync(input.JobId, cancellationToken),
                JobControlAction.Resume => await service.ResumeJobAsync(input.JobId, cancellationToken),
                _ => await service.CancelJobAsync(input.JobId, cancellationToken),
            };
            logger.LogInformation("{Action} of job {JobId}: now {Status}.", input.Action, input.JobId, job.RawStatus);
            return job.RawStatus ?? "unknown";
        }
        catch (AzureOpenAIServiceException e) when (e.Kind is ServiceErrorKind.InvalidRequest or ServiceErrorKind.Conflict)
        {
            logger.LogWarning("{Action} of job {JobId} refused by the service: {Message}", input.Action, input.JobId, e.Message);
            return (await service.GetJobAsync(input.JobId, cancellationToken)).RawStatus ?? "unknown";
        }
    }
}
