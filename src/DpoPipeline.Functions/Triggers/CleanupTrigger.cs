using Azure.Storage.Blobs;
using DpoPipeline.Core.Deployments;
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
/// The safety net on a schedule: deletes this pipeline's expired deployments (behind each run's own TTL timer), and
/// starts the runs of dataset events Event Grid could not deliver (its dead letters).
/// </summary>
public sealed class CleanupTrigger(
    ExpiredDeploymentCleaner cleaner,
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
        var starter = new DatasetBlobStarter(
            new RunsService(client, loggers.CreateLogger<RunsService>()), files, options, time, loggers.CreateLogger<DatasetBlobStarter>());
        await new DeadLetterRedriver(blobs, starter, options, loggers.CreateLogger<DeadLetterRedriver>()).RedriveAsync(cancellationToken);
    }
}
