using DpoPipeline.Core.Deployments;
using DpoPipeline.Core.FineTuning;
using DpoPipeline.Core.Http;
using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Workflow.Runs;
using Microsoft.Extensions.Logging;

namespace DpoPipeline.Workflow.Activities;

/// <summary>
/// Releases everything a run may be paying for, however it ended: cancels its jobs that are not done, deletes its
/// uploaded files and its deployment. A sweep's run also cancels the jobs of its variants. Finds them by the run id they carry (job tag, file name, deployment tag),
/// so a resource whose id the run never learned (an upload or a job created just before a failure) is released too.
/// Idempotent: what is already gone is skipped.
/// </summary>
public sealed class ReleaseRunResources(
    FineTuningServiceClient service, DeploymentServiceClient deployments, ILogger<ReleaseRunResources> logger) : IWorkflowActivity<ReleaseRequest, RunCleanup>
{
    private const string FilePurpose = "fine-tune";

    public async Task<RunCleanup> RunAsync(ReleaseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cleanup = new RunCleanup(
            await CancelJobsAsync(request, cancellationToken),
            await DeleteFilesAsync(request, cancellationToken),
            await DeleteDeploymentAsync(request, cancellationToken));
        logger.LogInformation(
            "Run {RunId} released: {Jobs} job(s) cancelled, {Files} file(s) and {Deployments} deployment(s) deleted.",
            request.RunId, cleanup.CancelledJobs.Count, cleanup.DeletedFiles.Count, cleanup.DeletedDeployments.Count);
        return cleanup;
    }

    private async Task<IReadOnlyList<string>> CancelJobsAsync(ReleaseRequest request, CancellationToken cancellationToken)
    {
        var cancelled = new List<string>();
        var recorded = new[] { request.JobId }.Concat(request.OtherJobIds ?? []).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var unseen = new HashSet<string>(recorded, StringComparer.Ordinal);
        await foreach (var job in service.GetAllJobsAsync(cancellationToken))
        {
            var ours = recorded.Contains(job.Id) || RunJobTag.Matches(job, request.RunId) || RunJobTag.MatchesSft(job, request.RunId)
                || RunJobTag.MatchesVariantOf(job, request.RunId);
            unseen.Remove(job.Id);
            if (ours && !job.Status.IsTerminal() && await CancelAsync(job.Id, cancellationToken))
            {
                cancelled.Add(job.Id);
            }
        }

        // A job created a moment ago may not be listed yet; the ids the run recorded are cancelled all the same.
        foreach (var jobId in unseen.Order(StringComparer.Ordinal))
        {
            if (await CancelAsync(jobId, cancellationToken))
            {
                cancelled.Add(jobId);
            }
        }

        return cancelled;
    }

    /// <returns>False when the job had already ended (the service refuses to cancel it) or does not exist.</returns>
    private async Task<bool> CancelAsync(string jobId, CancellationToken cancellationToken)
    {
        try
        {
            var job = await service.CancelJobAsync(jobId, cancellationToken);
            logger.LogInformation("Cancelled job {JobId}: now {Status}.", jobId, job.RawStatus);
            return true;
        }
        catch (AzureOpenAIServiceException e) when (e.Kind is ServiceErrorKind.InvalidRequest or ServiceErrorKind.Conflict or ServiceErrorKind.NotFound)
        {
            logger.LogInformation("Job {JobId} needs no cancel: {Message}", jobId, e.Message);
            return false;
        }
    }

    private async Task<IReadOnlyList<string>> DeleteFilesAsync(ReleaseRequest request, CancellationToken cancellationToken)
    {
        var ids = new SortedSet<string>(request.FileIds, StringComparer.Ordinal);
        await foreach (var file in service.GetAllFilesAsync(FilePurpose, cancellationToken))
        {
            if (RunFileNames.BelongsTo(file.FileName, request.RunId))
            {
                ids.Add(file.Id);
            }
        }

        var deleted = new List<string>();
        foreach (var id in ids)
        {
            if (await service.DeleteFileAsync(id, cancellationToken))
            {
                deleted.Add(id);
            }
        }

        return deleted;
    }

    private async Task<IReadOnlyList<string>> DeleteDeploymentAsync(ReleaseRequest request, CancellationToken cancellationToken)
    {
        // By the run and owner tags from the list, not by name: the tags prove it is this run's, and the list works even
        // when reading the one deployment does not.
        var deleted = new List<string>();
        foreach (var deployment in await deployments.ListAsync(cancellationToken))
        {
            if (deployment.RunId == request.RunId && deployment.Owner == request.Owner && await deployments.DeleteAsync(deployment.Name, cancellationToken))
            {
                deleted.Add(deployment.Name);
            }
        }

        return deleted;
    }
}
