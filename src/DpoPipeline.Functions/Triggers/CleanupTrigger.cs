using Azure.Storage.Blobs;
using DpoPipeline.Core.Deployments;
using DpoPipeline.Core.FineTuning;
using DpoPipeline.Workflow.Activities;
using DpoPipeline.Workflow.Cleanup;
using DpoPipeline.Workflow.Api;
using DpoPipeline.Workflow.Configuration;
using DpoPipeline.Workflow.Starting;
using DpoPipeline.Workflow.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DpoPipeline.Functions.Triggers;

/// <summary>
/// The safety net on a schedule: deletes this pipeline's expired deployments (behind each run's own TTL timer), releases
/// what ended runs still hold (behind each run's own release), and starts the runs of dataset events Event Grid could
/// not deliver (its dead letters).
/// </summary>
public sealed class CleanupTrigger(
    ExpiredDeploymentCleaner cleaner,
    FineTuningServiceClient service,
    DeploymentServiceClient deployments,
    ReleaseRunResources release,
    BlobServiceClient blobs,
    IRunFiles files,
    IOptions<PipelineOptions> options,
    TimeProvider time,
    ILoggerFactory loggers)
{
    [Function(nameof(CleanupExpiredDeployments))]
    public async Task CleanupExpiredDeployments(
        [TimerTrigger("%CleanupSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        await cleaner.DeleteExpiredAsync(options.Value.Owner, cancellationToken);
        var runs = new RunsService(client, loggers.CreateLogger<RunsService>());
        await new FinishedRunSweeper(runs, service, deployments, release, options, loggers.CreateLogger<FinishedRunSweeper>()).SweepAsync(cancellationToken);
        var starter = new DatasetBlobStarter(runs, files, options, time, loggers.CreateLogger<DatasetBlobStarter>());
        await new DeadLetterRedriver(blobs, starter, options, loggers.CreateLogger<DeadLetterRedriver>()).RedriveAsync(cancellationToken);
    }
}
