using DpoPipeline.Core.Sweeps;
using DpoPipeline.Core.Deployments;
using DpoPipeline.Core.FineTuning;
using DpoPipeline.Workflow.Activities;
using DpoPipeline.Workflow.Api;
using DpoPipeline.Workflow.Configuration;
using DpoPipeline.Workflow.Runs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DpoPipeline.Workflow.Cleanup;

/// <summary>
/// The safety net behind each run's own release: finds what still carries the id of a run of this pipeline that has
/// ended — a job not done (by its <c>dpo_run_id</c> tag), an uploaded file (by its name), a deployment (by its owner and
/// run tags) — and releases it as the run would have. A run still going, or one this task hub does not know (another
/// pipeline's on the same account), is left alone.
/// </summary>
public sealed class FinishedRunSweeper(
    RunsService runs,
    FineTuningServiceClient service,
    DeploymentServiceClient deployments,
    ReleaseRunResources release,
    IOptions<PipelineOptions> options,
    ILogger<FinishedRunSweeper> logger)
{
    private const string FilePurpose = "fine-tune";

    /// <returns>What was released, by run.</returns>
    public async Task<IReadOnlyDictionary<string, RunCleanup>> SweepAsync(CancellationToken cancellationToken)
    {
        await runs.ReleaseQuotaOfEndedRunsAsync(cancellationToken);
        var released = new Dictionary<string, RunCleanup>(StringComparer.Ordinal);
        foreach (var runId in await CandidatesAsync(cancellationToken))
        {
            var run = await runs.GetAsync(runId, cancellationToken);
            if (run is null || (run.Outcome is null && run.RuntimeStatus is not ("Failed" or "Terminated")))
            {
                continue;
            }

            var cleanup = await release.RunAsync(new ReleaseRequest(runId, [], null, options.Value.Owner), cancellationToken);
            released[runId] = cleanup;
            logger.LogWarning(
                "Run {RunId} had ended ({Outcome}) but still held {Jobs} job(s), {Files} file(s), {Deployments} deployment(s); released them.",
                runId, run.Outcome?.ToString() ?? run.RuntimeStatus, cleanup.CancelledJobs.Count, cleanup.DeletedFiles.Count, cleanup.DeletedDeployments.Count);
        }

        return released;
    }

    private async Task<SortedSet<string>> CandidatesAsync(CancellationToken cancellationToken)
    {
        var candidates = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var job in service.GetAllJobsAsync(cancellationToken))
        {
            if (!job.Status.IsTerminal() && job.Metadata?.GetValueOrDefault(RunJobTag.MetadataKey) is { Length: > 0 } runId)
            {
                // A sweep variant's job is released by the variant's run.
                candidates.Add(SweepVariantIds.TryParse(runId, out var sweepRun, out _) ? sweepRun : runId);
            }
        }

        await foreach (var file in service.GetAllFilesAsync(FilePurpose, cancellationToken))
        {
            if (RunFileNames.RunIdOf(file.FileName) is { } runId)
            {
                candidates.Add(runId);
            }
        }

        foreach (var deployment in await deployments.ListAsync(cancellationToken))
        {
            if (deployment.Owner == options.Value.Owner && deployment.RunId is { } runId)
            {
                candidates.Add(runId);
            }
        }

        return candidates;
    }
}
