using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using DpoPipeline.Workflow.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DpoPipeline.Workflow.Starting;

/// <summary>
/// Starts the runs of the dataset events Event Grid gave up delivering (it writes them to the dead-letter container).
/// Each goes through the <see cref="DatasetBlobStarter"/>, so a dataset whose run exists is not started again: one run
/// per blob version, however often an event is re-driven. A letter is deleted once its events are handled.
/// </summary>
public sealed class DeadLetterRedriver(
    BlobServiceClient blobs, DatasetBlobStarter starter, IOptions<PipelineOptions> options, ILogger<DeadLetterRedriver> logger)
{
    public async Task<IReadOnlyList<BlobStartOutcome>> RedriveAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var letters = blobs.GetBlobContainerClient(settings.DeadLetterContainer);
        var outcomes = new List<BlobStartOutcome>();
        if (!await letters.ExistsAsync(cancellationToken))
        {
            return outcomes;
        }

        await foreach (var item in letters.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            var letter = letters.GetBlobClient(item.Name);
            IReadOnlyList<DeadLetteredEvent> events;
            try
            {
                events = DeadLetteredEvent.Parse((await letter.DownloadContentAsync(cancellationToken)).Value.Content);
            }
            catch (JsonException e)
            {
                logger.LogError("Dead letter {Letter} is not an Event Grid event list and stays for a person to look at: {Error}", item.Name, e.Message);
                continue;
            }

            foreach (var dataset in events)
            {
                if (await StartAsync(dataset, settings, cancellationToken) is { } outcome)
                {
                    outcomes.Add(outcome);
                }
            }

            await letter.DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }

        return outcomes;
    }

    private async Task<BlobStartOutcome?> StartAsync(DeadLetteredEvent dataset, PipelineOptions settings, CancellationToken cancellationToken)
    {
        if (!settings.DatasetContainerNames.Contains(dataset.Container, StringComparer.Ordinal))
        {
            logger.LogWarning("Dead-lettered event for {Container}/{Blob} ignored: not a dataset container.", dataset.Container, dataset.BlobName);
            return null;
        }

        try
        {
            var outcome = await starter.StartAsync(blobs.GetBlobContainerClient(dataset.Container).GetBlobClient(dataset.BlobName), null, cancellationToken);
            logger.LogInformation("Re-drove the lost event of {Container}/{Blob}: {Kind} (run {RunId}).", dataset.Container, dataset.BlobName, outcome.Kind, outcome.RunId);
            return outcome;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            logger.LogWarning("Dead-lettered event for {Container}/{Blob} dropped: the dataset no longer exists.", dataset.Container, dataset.BlobName);
            return null;
        }
    }
}
