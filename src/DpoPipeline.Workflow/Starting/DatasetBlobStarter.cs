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
/// Turns a dataset blob that landed in the drop container into a run: one run per blob version, options from a
/// sidecar <c>&lt;name&gt;.dpo.json</c> (preferred) or <c>dpo_*</c> metadata. Options that cannot be used start
/// nothing; the reasons are written to <c>{runId}/start-error.json</c> in the runs container, beside where the run would be.
/// </summary>
public sealed class DatasetBlobStarter(
    RunsService runs, IRunFiles files, IOptions<PipelineOptions> defaults, TimeProvider time, ILogger<DatasetBlobStarter> logger)
{
    public const string SidecarSuffix = ".dpo.json";

    public static bool IsSidecar(string blobName) => blobName.EndsWith(SidecarSuffix, StringComparison.OrdinalIgnoreCase);

    public async Task<BlobStartOutcome> StartAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (IsSidecar(blob.Name))
        {
            return new BlobStartOutcome(null, BlobStartKind.IgnoredSidecar, []);
        }

        var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        var runId = RunIds.ForBlob(blob.BlobContainerName, blob.Name, properties.ETag.ToString());
        RunOptions options;
        try
        {
            var overrides = await ReadSidecarAsync(blob, cancellationToken) ?? RunOverrides.FromMetadata(properties.Metadata.AsReadOnly());
            options = RunOptionsResolver.Resolve(defaults.Value, overrides);
        }
        catch (RunOptionsException e)
        {
            logger.LogError("Not starting a run for {Blob}: {Problems}", blob.Uri, string.Join(" ", e.Problems));
            await WriteStartErrorAsync(runId, blob, e.Problems, cancellationToken);
            return new BlobStartOutcome(runId, BlobStartKind.RefusedOptions, e.Problems);
        }

        var started = await runs.StartAsync(new RunRequest(runId, blob.Uri, time.GetUtcNow(), options), cancellationToken);
        return new BlobStartOutcome(runId, started.Started ? BlobStartKind.Started : BlobStartKind.Duplicate, []);
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
