using Azure.Storage.Blobs;
using DpoPipeline.Workflow.Api;
using DpoPipeline.Workflow.Configuration;
using DpoPipeline.Workflow.Starting;
using DpoPipeline.Workflow.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DpoPipeline.Functions.Triggers;

/// <summary>A dataset dropped into <c>datasets</c> starts a run (Event Grid source, as Flex Consumption requires).</summary>
public sealed class DatasetBlobTrigger(IRunFiles files, IOptions<PipelineOptions> defaults, TimeProvider time, ILoggerFactory loggers)
{
    [Function(nameof(StartRunOnDatasetBlob))]
    public async Task StartRunOnDatasetBlob(
        [BlobTrigger("datasets/{name}", Source = BlobTriggerSource.EventGrid)] BlobClient blob,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var runs = new RunsService(client, loggers.CreateLogger<RunsService>());
        var starter = new DatasetBlobStarter(runs, files, defaults, time, loggers.CreateLogger<DatasetBlobStarter>());
        var outcome = await starter.StartAsync(blob, overrides: null, cancellationToken);
        loggers.CreateLogger<DatasetBlobTrigger>().LogInformation(
            "Dataset {Blob}: {Outcome} (run {RunId}).", blob.Name, outcome.Kind, outcome.RunId);
    }
}
