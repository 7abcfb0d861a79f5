using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using DpoPipeline.Local.Azurite;
using DpoPipeline.Workflow.Runs;
using DpoPipeline.Workflow.Starting;
using DpoPipeline.Workflow.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DpoPipeline.Pipeline.Tests;

/// <summary>The blob starter against real blob storage (Azurite) and the local Durable client.</summary>
public sealed class DatasetBlobStarterTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly AzuriteServer _azurite = azurite.Server;
    private PipelineHarness _harness = null!;
    private BlobContainerClient _datasets = null!;
    private BlobRunFiles _runFiles = null!;
    private string _runsContainer = null!;

    public async ValueTask InitializeAsync()
    {
        var service = _azurite.CreateBlobServiceClient();
        // A container per test: the tests share one Azurite.
        var suffix = Guid.NewGuid().ToString("N")[..12];
        _datasets = service.GetBlobContainerClient("datasets-" + suffix);
        await _datasets.CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);
        _runsContainer = "runs-" + suffix;
        _runFiles = new BlobRunFiles(service, _runsContainer);
        _harness = await PipelineHarness.StartAsync(files: _runFiles);
    }

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact(Timeout = 180_000)]
    public async Task A_duplicate_event_for_the_same_blob_version_starts_one_run()
    {
        var blob = await UploadAsync("pairs.jsonl", await File.ReadAllBytesAsync(await _harness.SampleAsync(), TestContext.Current.CancellationToken));
        var starter = Starter();

        var first = await starter.StartAsync(blob, TestContext.Current.CancellationToken);
        var second = await starter.StartAsync(blob, TestContext.Current.CancellationToken);

        Assert.Equal(BlobStartKind.Started, first.Kind);
        Assert.Equal(BlobStartKind.Duplicate, second.Kind);
        Assert.Equal(first.RunId, second.RunId);
        Assert.Single(await _harness.InstancesAsync(), i => i.Name == "RunPipeline");
    }

    [Fact(Timeout = 180_000)]
    public async Task A_dropped_blob_runs_to_a_deployed_model_with_its_files_and_report_in_blob_storage()
    {
        var blob = await UploadAsync("drop.jsonl", await File.ReadAllBytesAsync(await _harness.SampleAsync(), TestContext.Current.CancellationToken));
        var outcome = await Starter().StartAsync(blob, TestContext.Current.CancellationToken);

        var serving = await _harness.WaitForPhaseAsync(outcome.RunId!, RunPhase.Serving);

        var status = serving.Status!;
        Assert.Contains(_harness.Emulator.State.Deployments, d => d.Name == status.Deployment && d.Serving);
        var runs = _azurite.CreateBlobServiceClient().GetBlobContainerClient(_runsContainer);
        var names = new List<string>();
        await foreach (var item in runs.GetBlobsAsync(new GetBlobsOptions { Prefix = outcome.RunId + "/" }, TestContext.Current.CancellationToken))
        {
            names.Add(item.Name[(outcome.RunId!.Length + 1)..]);
        }

        Assert.Superset(
            new HashSet<string> { "train.jsonl", "validation.jsonl", "manifest.json", "validation-report.json", "evaluation.json", "report/report.html" },
            names.ToHashSet());
        Assert.Equal(status.ReportUri, runs.GetBlobClient($"{outcome.RunId}/report/report.html").Uri);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_new_version_of_the_same_blob_starts_a_new_run()
    {
        var sample = await File.ReadAllBytesAsync(await _harness.SampleAsync(), TestContext.Current.CancellationToken);
        var starter = Starter();
        var first = await starter.StartAsync(await UploadAsync("pairs.jsonl", sample), TestContext.Current.CancellationToken);

        var second = await starter.StartAsync(await UploadAsync("pairs.jsonl", [.. sample, .. "\n"u8]), TestContext.Current.CancellationToken);

        Assert.Equal(BlobStartKind.Started, second.Kind);
        Assert.NotEqual(first.RunId, second.RunId);
    }

    [Fact(Timeout = 180_000)]
    public async Task Options_come_from_the_sidecar_file_before_blob_metadata()
    {
        await UploadAsync("pairs.jsonl.dpo.json", """{ "epochs": 2, "deploymentTtlHours": 6, "mapping": { "chosen": "good", "rejected": "bad" } }"""u8.ToArray());
        var blob = await UploadAsync("pairs.jsonl", "{}\n"u8.ToArray(), new Dictionary<string, string> { ["dpo_epochs"] = "5" });

        var outcome = await Starter().StartAsync(blob, TestContext.Current.CancellationToken);

        var options = (await _harness.InputOfAsync(outcome.RunId!)).Options;
        Assert.Equal(2, options.Epochs);
        Assert.Equal(TimeSpan.FromHours(6) / PipelineHarness.DefaultTimeScale, options.DeploymentTtl);
        Assert.Equal("good", options.Mapping!["chosen"]);
    }

    [Fact(Timeout = 180_000)]
    public async Task Blob_metadata_sets_options_when_there_is_no_sidecar()
    {
        var blob = await UploadAsync("meta.jsonl", "{}\n"u8.ToArray(), new Dictionary<string, string> { ["dpo_epochs"] = "4", ["dpo_base_model"] = "gpt-4o-2024-08-06" });

        var outcome = await Starter().StartAsync(blob, TestContext.Current.CancellationToken);

        var options = (await _harness.InputOfAsync(outcome.RunId!)).Options;
        Assert.Equal(4, options.Epochs);
        Assert.Equal("gpt-4o-2024-08-06", options.BaseModel);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_sidecar_with_an_unknown_key_starts_nothing_and_says_why_in_the_runs_container()
    {
        await UploadAsync("typo.jsonl.dpo.json", """{ "epoch": 2, "beta": 7 }"""u8.ToArray());
        var blob = await UploadAsync("typo.jsonl", "{}\n"u8.ToArray());

        var outcome = await Starter().StartAsync(blob, TestContext.Current.CancellationToken);

        Assert.Equal(BlobStartKind.RefusedOptions, outcome.Kind);
        Assert.Contains(outcome.Problems, p => p.Contains("epoch", StringComparison.Ordinal));
        Assert.Empty(await _harness.InstancesAsync());
        var error = await _runFiles.OpenReadAsync(new Uri(_azurite.BlobEndpoint + $"/{_runsContainer}/{outcome.RunId}/start-error.json"), TestContext.Current.CancellationToken);
        using var document = await JsonDocument.ParseAsync(error, cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEmpty(document.RootElement.GetProperty("problems").EnumerateArray());
        Assert.True(await blob.ExistsAsync(TestContext.Current.CancellationToken), "the dataset must never be lost");
    }

    [Fact(Timeout = 180_000)]
    public async Task A_sidecar_file_itself_is_not_a_dataset()
    {
        var sidecar = await UploadAsync("pairs.jsonl.dpo.json", """{ "epochs": 2 }"""u8.ToArray());

        var outcome = await Starter().StartAsync(sidecar, TestContext.Current.CancellationToken);

        Assert.Equal(BlobStartKind.IgnoredSidecar, outcome.Kind);
        Assert.Empty(await _harness.InstancesAsync());
    }

    private DatasetBlobStarter Starter() => new(
        _harness.Pipeline.Runs, _runFiles, Options.Create(_harness.Pipeline.Options), TimeProvider.System, NullLogger<DatasetBlobStarter>.Instance);

    private async Task<BlobClient> UploadAsync(string name, byte[] content, Dictionary<string, string>? metadata = null)
    {
        var blob = _datasets.GetBlobClient(name);
        await blob.UploadAsync(new BinaryData(content), new BlobUploadOptions { Metadata = metadata }, TestContext.Current.CancellationToken);
        return blob;
    }
}
