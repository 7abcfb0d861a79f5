using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using DpoPipeline.Local.Azurite;
using DpoPipeline.Workflow.Configuration;
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
        // A day of serving (43 s at the harness's clock), so a busy machine still sees the run serving before its TTL ends it.
        _harness = await PipelineHarness.StartAsync(pipeline: o => o.DeploymentTtlHours = 24, files: _runFiles);
    }

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact(Timeout = 180_000)]
    public async Task A_duplicate_event_for_the_same_blob_version_starts_one_run()
    {
        var blob = await UploadAsync("pairs.jsonl", await File.ReadAllBytesAsync(await _harness.SampleAsync(), TestContext.Current.CancellationToken));
        var starter = Starter();

        var first = await starter.StartAsync(blob, null, TestContext.Current.CancellationToken);
        var second = await starter.StartAsync(blob, null, TestContext.Current.CancellationToken);

        Assert.Equal(BlobStartKind.Started, first.Kind);
        Assert.Equal(BlobStartKind.Duplicate, second.Kind);
        Assert.Equal(first.RunId, second.RunId);
        Assert.Single(await _harness.InstancesAsync(), i => i.Name == "RunPipeline");
    }

    [Fact(Timeout = 180_000)]
    public async Task A_dropped_blob_runs_to_a_deployed_model_with_its_files_and_report_in_blob_storage()
    {
        var blob = await UploadAsync("drop.jsonl", await File.ReadAllBytesAsync(await _harness.SampleAsync(), TestContext.Current.CancellationToken));
        var outcome = await Starter().StartAsync(blob, null, TestContext.Current.CancellationToken);

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
    public async Task A_new_version_supersedes_the_training_run_of_the_old_one_before_it_creates_its_own_job()
    {
        await using var harness = await PipelineHarness.StartAsync(
            emulator: o => o.Durations.JobRunning = TimeSpan.FromHours(5), withBaseDeployment: false, files: _runFiles);
        var sample = await File.ReadAllBytesAsync(await harness.SampleAsync(), TestContext.Current.CancellationToken);
        var starter = Starter(harness);
        var first = await starter.StartAsync(await UploadAsync("pairs.jsonl", sample), null, TestContext.Current.CancellationToken);
        await harness.WaitUntilAsync(first.RunId!, v => v.Job?.JobStatus == "running");

        var second = await starter.StartAsync(await UploadAsync("pairs.jsonl", [.. sample, .. "\n"u8]), null, TestContext.Current.CancellationToken);
        var old = await harness.RunToEndAsync(first.RunId!);
        var replacing = await harness.WaitUntilAsync(second.RunId!, v => v.Job?.JobStatus == "running");

        Assert.Equal(BlobStartKind.Started, second.Kind);
        Assert.Equal(RunOutcome.Superseded, old.Outcome);
        Assert.Equal(second.RunId, old.Status.SupersededBy);
        Assert.Equal([first.RunId!], replacing.Status!.Supersedes);
        Assert.Single(old.Status.CleanedUp!.CancelledJobs);
        Assert.Equal(["cancelled", "running"], harness.Emulator.State.Jobs.Select(j => j.Status));
        // The old run had released everything before the new one created its job.
        Assert.True(old.Status.Timeline[^1].At <= replacing.Status.Timeline.Single(p => p.Phase == RunPhase.CreatingJob).At);
    }

    [Fact(Timeout = 180_000)]
    public async Task Under_the_parallel_policy_a_new_version_leaves_the_old_run_going()
    {
        await using var harness = await PipelineHarness.StartAsync(
            emulator: o => o.Durations.JobQueued = TimeSpan.FromHours(5),
            pipeline: o =>
            {
                o.OnNewVersion = NewVersionPolicy.Parallel;
                o.MaxRunningJobs = 2; // one job slot would queue the second run behind the first (see QuotaQueueTests)
            },
            withBaseDeployment: false, files: _runFiles);
        var sample = await File.ReadAllBytesAsync(await harness.SampleAsync(), TestContext.Current.CancellationToken);
        var starter = Starter(harness);
        var first = await starter.StartAsync(await UploadAsync("pairs.jsonl", sample), null, TestContext.Current.CancellationToken);
        await harness.WaitForPhaseAsync(first.RunId!, RunPhase.Training);

        var second = await starter.StartAsync(await UploadAsync("pairs.jsonl", [.. sample, .. "\n"u8]), null, TestContext.Current.CancellationToken);
        await harness.WaitForPhaseAsync(second.RunId!, RunPhase.Training);

        Assert.NotEqual(first.RunId, second.RunId);
        Assert.Equal(RunPhase.Training, (await harness.WaitForPhaseAsync(first.RunId!, RunPhase.Training)).Status!.Phase);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_run_reads_only_the_version_it_was_started_for()
    {
        var blob = await UploadAsync("pinned.jsonl", await File.ReadAllBytesAsync(await _harness.SampleAsync(), TestContext.Current.CancellationToken));
        var started = (await blob.GetPropertiesAsync(cancellationToken: TestContext.Current.CancellationToken)).Value.ETag.ToString();
        await UploadAsync("pinned.jsonl", "{}\n"u8.ToArray());
        var request = new RunRequest("pinned-run", blob.Uri, DateTimeOffset.UtcNow, RunOptionsResolver.Resolve(_harness.Pipeline.Options, null), started);

        await _harness.Pipeline.Runs.StartAsync(request, TestContext.Current.CancellationToken);
        var result = await _harness.RunToEndAsync(request.RunId);

        Assert.Equal(RunOutcome.Failed, result.Outcome);
        Assert.Equal("dataset_changed", Assert.Single(result.Status.Errors).Code);
        Assert.Equal(0, _harness.Emulator.State.FilesUploaded);
    }

    [Fact(Timeout = 180_000)]
    public async Task Options_come_from_the_sidecar_file_before_blob_metadata()
    {
        await UploadAsync("pairs.jsonl.dpo.json", """{ "epochs": 2, "deploymentTtlHours": 6, "mapping": { "chosen": "good", "rejected": "bad" } }"""u8.ToArray());
        var blob = await UploadAsync("pairs.jsonl", "{}\n"u8.ToArray(), new Dictionary<string, string> { ["dpo_epochs"] = "5" });

        var outcome = await Starter().StartAsync(blob, null, TestContext.Current.CancellationToken);

        var options = (await _harness.InputOfAsync(outcome.RunId!)).Options;
        Assert.Equal(2, options.Epochs);
        Assert.Equal(TimeSpan.FromHours(6) / PipelineHarness.DefaultTimeScale, options.DeploymentTtl);
        Assert.Equal("good", options.Mapping!["chosen"]);
    }

    [Fact(Timeout = 180_000)]
    public async Task Blob_metadata_sets_options_when_there_is_no_sidecar()
    {
        var blob = await UploadAsync("meta.jsonl", "{}\n"u8.ToArray(), new Dictionary<string, string> { ["dpo_epochs"] = "4", ["dpo_base_model"] = "gpt-4o-2024-08-06" });

        var outcome = await Starter().StartAsync(blob, null, TestContext.Current.CancellationToken);

        var options = (await _harness.InputOfAsync(outcome.RunId!)).Options;
        Assert.Equal(4, options.Epochs);
        Assert.Equal("gpt-4o-2024-08-06", options.BaseModel);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_sidecar_with_an_unknown_key_starts_nothing_and_says_why_in_the_runs_container()
    {
        await UploadAsync("typo.jsonl.dpo.json", """{ "epoch": 2, "beta": 7 }"""u8.ToArray());
        var blob = await UploadAsync("typo.jsonl", "{}\n"u8.ToArray());

        var outcome = await Starter().StartAsync(blob, null, TestContext.Current.CancellationToken);

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

        var outcome = await Starter().StartAsync(sidecar, null, TestContext.Current.CancellationToken);

        Assert.Equal(BlobStartKind.IgnoredSidecar, outcome.Kind);
        Assert.Empty(await _harness.InstancesAsync());
    }

    [Fact(Timeout = 180_000)]
    public async Task A_demonstration_file_for_an_sft_stage_is_not_a_dataset()
    {
        var demonstrations = await UploadAsync("pairs.sft.jsonl", """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}]}"""u8.ToArray());

        var outcome = await Starter().StartAsync(demonstrations, null, TestContext.Current.CancellationToken);

        Assert.Equal(BlobStartKind.IgnoredSidecar, outcome.Kind);
        Assert.Empty(await _harness.InstancesAsync());
    }

    private DatasetBlobStarter Starter(PipelineHarness? harness = null) => new(
        (harness ?? _harness).Pipeline.Runs, _runFiles, Options.Create((harness ?? _harness).Pipeline.Options), TimeProvider.System, NullLogger<DatasetBlobStarter>.Instance);

    private async Task<BlobClient> UploadAsync(string name, byte[] content, Dictionary<string, string>? metadata = null)
    {
        var blob = _datasets.GetBlobClient(name);
        await blob.UploadAsync(new BinaryData(content), new BlobUploadOptions { Metadata = metadata }, TestContext.Current.CancellationToken);
        return blob;
    }
}
