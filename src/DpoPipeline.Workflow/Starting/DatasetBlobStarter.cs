using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using DpoPipeline.Workflow.Api;
using DpoPipeline.Workflow.Configuration;
using DpoPipeline.Workflow.Runs;
using DpoPipeline.Workflow.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DpoPipeline.Workflow.Starting;

/// <summary>
/// Turns a dataset blob into a run: one run per blob version (its id derives from the ETag, and the run reads only that
/// version), options from the request, a sidecar <c>&lt;name&gt;.dpo.json</c> or <c>dpo_*</c> metadata. Under
/// <see cref="NewVersionPolicy.Supersede"/> a new version cancels the runs still going for older ones, which release
/// what they hold before the new run creates anything. Options that cannot be used start nothing; the reasons are written
/// to <c>{runId}/start-error.json</c> in the runs container, beside where the run would be.
/// </summary>
public sealed class DatasetBlobStarter(
    RunsService runs, IRunFiles files, IOptions<PipelineOptions> defaults, TimeProvider time, ILogger<DatasetBlobStarter> logger)
{
    public const string SidecarSuffix = ".dpo.json";

    /// <summary>How a demonstration file for a run's SFT stage (<c>sftData</c>) ends, so that dropping it starts no run of its own.</summary>
    public const string DemonstrationsSuffix = ".sft.jsonl";

    public static bool IsSidecar(string blobName) => blobName.EndsWith(SidecarSuffix, StringComparison.OrdinalIgnoreCase);

    public static bool IsDemonstrations(string blobName) => blobName.EndsWith(DemonstrationsSuffix, StringComparison.OrdinalIgnoreCase);

    /// <param name="overrides">Options given with the request; null reads the sidecar, then the blob's metadata.</param>
    public async Task<BlobStartOutcome> StartAsync(BlobClient blob, RunOverrides? overrides, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (IsSidecar(blob.Name) || IsDemonstrations(blob.Name))
        {
            return new BlobStartOutcome(null, BlobStartKind.IgnoredSidecar, []);
        }

        var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        var version = properties.ETag.ToString();
        var runId = RunIds.ForBlob(blob.BlobContainerName, blob.Name, version);
        if (await runs.ExistsAsync(runId, cancellationToken))
        {
            return new BlobStartOutcome(runId, BlobStartKind.Duplicate, []);
        }

        RunOptions options;
        try
        {
            overrides ??= await ReadSidecarAsync(blob, cancellationToken) ?? RunOverrides.FromMetadata(properties.Metadata.AsReadOnly());
            options = RunOptionsResolver.Resolve(defaults.Value, overrides);
        }
        catch (RunOptionsException e)
        {
            logger.LogError("Not starting a run for {Blob}: {Problems}", blob.Uri, string.Join(" ", e.Problems));
            await WriteStartErrorAsync(runId, blob, e.Problems, cancellationToken);
            return new BlobStartOutcome(runId, BlobStartKind.RefusedOptions, e.Problems);
        }

        var superseded = defaults.Value.OnNewVersion == NewVersionPolicy.Supersede
            ? await SupersedeAsync(blob.Uri, runId, cancellationToken)
            : [];
        var started = await runs.StartAsync(new RunRequest(runId, blob.Uri, time.GetUtcNow(), options, version, superseded), cancellationToken);
        return new BlobStartOutcome(runId, started.Started ? BlobStartKind.Started : BlobStartKind.Duplicate, []);
    }

    /// <summary>Cancels the runs still going for older versions of the dataset, naming the run that replaces them.</summary>
    private async Task<IReadOnlyList<string>> SupersedeAsync(Uri dataset, string newRunId, CancellationToken cancellationToken)
    {
        var older = (await runs.FindUnfinishedAsync(dataset, cancellationToken)).Where(id => id != newRunId).ToList();
        foreach (var runId in older)
        {
            await runs.CancelAsync(runId, new CancelRequest("a newer version of the dataset arrived", "dataset starter", newRunId), cancellationToken);
            logger.LogInformation("Run {RunId} superseded by {NewRunId}: a newer version of {Dataset} arrived.", runId, newRunId, dataset);
        }

        return older;
    }

    private static async Task<RunOverrides?> ReadSidecarAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        var sidecar = blob.GetParentBlobContainerClient().GetBlobClient(blob.Name + SidecarSuffix);
        try
        {
            var content = await sidecar.DownloadContentAsync(cancellationToken);
            return RunOverrides.Parse(content.Value.Content.ToString(), sidecar.Name);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private async Task WriteStartErrorAsync(string runId, BlobClient blob, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { dataset = blob.Uri, problems });
        await using var content = new MemoryStream(body);
        await files.WriteAsync(runId, "start-error.json", content, "application/json", cancellationToken);
    }
}
