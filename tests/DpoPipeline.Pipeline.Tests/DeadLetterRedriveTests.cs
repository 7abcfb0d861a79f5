using System.Text.Json;
using Azure.Storage.Blobs;
using DpoPipeline.Local.Azurite;
using DpoPipeline.Workflow.Starting;
using DpoPipeline.Workflow.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DpoPipeline.Pipeline.Tests;

/// <summary>Dataset events Event Grid gave up on, re-driven from the dead-letter container (real blob storage, Azurite).</summary>
public sealed class DeadLetterRedriveTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly AzuriteServer _azurite = azurite.Server;
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..12];
    private PipelineHarness _harness = null!;
    private BlobServiceClient _service = null!;
    private BlobContainerClient _datasets = null!;
    private BlobContainerClient _letters = null!;
    private DeadLetterRedriver _redriver = null!;

    public async ValueTask InitializeAsync()
    {
        _service = _azurite.CreateBlobServiceClient();
        _datasets = _service.GetBlobContainerClient("datasets-" + _suffix);
        _letters = _service.GetBlobContainerClient("deadletters-" + _suffix);
        await _datasets.CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);
        await _letters.CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);
        var files = new BlobRunFiles(_service, "runs-" + _suffix);
        _harness = await PipelineHarness.StartAsync(
            emulator: o => o.Durations.JobQueued = TimeSpan.FromHours(5),
            pipeline: o =>
            {
                o.DatasetContainers = _datasets.Name;
                o.DeadLetterContainer = _letters.Name;
            },
            withBaseDeployment: false,
            files: files);
        var options = Options.Create(_harness.Pipeline.Options);
        var starter = new DatasetBlobStarter(_harness.Pipeline.Runs, files, options, TimeProvider.System, NullLogger<DatasetBlobStarter>.Instance);
        _redriver = new DeadLetterRedriver(_service, starter, options, NullLogger<DeadLetterRedriver>.Instance);
    }

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact(Timeout = 120_000)]
    public async Task A_dead_lettered_dataset_event_starts_exactly_one_run_however_often_it_is_redriven()
    {
        var dataset = _datasets.GetBlobClient("pairs.jsonl");
        await dataset.UploadAsync(await _harness.SampleAsync(), TestContext.Current.CancellationToken);
        await WriteLetterAsync("a.json", dataset.Name);

        var first = await _redriver.RedriveAsync(TestContext.Current.CancellationToken);
        await WriteLetterAsync("b.json", dataset.Name);
        var again = await _redriver.RedriveAsync(TestContext.Current.CancellationToken);

        Assert.Equal(BlobStartKind.Started, Assert.Single(first).Kind);
        Assert.Equal(BlobStartKind.Duplicate, Assert.Single(again).Kind);
        Assert.Equal(first[0].RunId, again[0].RunId);
        Assert.Single(await _harness.InstancesAsync(), i => i.Name == "RunPipeline");
        await _harness.WaitForPhaseAsync(first[0].RunId!, Workflow.Runs.RunPhase.Training);
        Assert.Empty(await LettersAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_dead_letter_for_a_dataset_that_is_gone_or_outside_the_dataset_containers_starts_nothing()
    {
        await WriteLetterAsync("gone.json", "deleted.jsonl");
        await WriteLetterAsync("elsewhere.json", "host.json", container: "azure-webjobs-secrets");

        var outcomes = await _redriver.RedriveAsync(TestContext.Current.CancellationToken);

        Assert.Empty(outcomes);
        Assert.Empty(await _harness.InstancesAsync());
        Assert.Empty(await LettersAsync());
    }

    // As Event Grid writes them: an array of events in the Event Grid schema, with why delivery stopped.
    private async Task WriteLetterAsync(string name, string blobName, string? container = null)
    {
        var letter = new[]
        {
            new
            {
                id = Guid.NewGuid().ToString(),
                eventType = "Microsoft.Storage.BlobCreated",
                subject = $"/blobServices/default/containers/{container ?? _datasets.Name}/blobs/{blobName}",
                eventTime = DateTimeOffset.UtcNow,
                data = new { api = "PutBlob", url = $"{_datasets.Uri}/{blobName}" },
                dataVersion = "",
                metadataVersion = "1",
                deadLetterReason = "MaxDeliveryAttemptsExceeded",
                deliveryAttempts = 30,
                lastDeliveryOutcome = "Probation",
            },
        };
        await _letters.GetBlobClient($"evgt/datasets-to-startrunondatasetblob/2026/12/06/09/{name}")
            .UploadAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(letter)), overwrite: true, TestContext.Current.CancellationToken);
    }

    private async Task<List<string>> LettersAsync()
    {
        var names = new List<string>();
        await foreach (var item in _letters.GetBlobsAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            names.Add(item.Name);
        }

        return names;
    }
}
