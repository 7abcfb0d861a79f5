using System.Net;
using Azure.Storage.Blobs;
using DpoPipeline.Workflow.Runs;
using DpoPipeline.Workflow.Starting;
using DpoPipeline.Workflow.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DpoPipeline.Pipeline.Tests.Http;

/// <summary>
/// The report route over blob run storage, as in Azure (Azurite here): the report is read through the app's own
/// storage client from the blobs the run wrote, in every format.
/// </summary>
public sealed class ReportFromBlobStorageTests(AzuriteFixture azurite)
{
    [Fact(Timeout = 180_000)]
    public async Task A_run_kept_in_blob_storage_serves_its_report_in_each_format()
    {
        var service = azurite.Server.CreateBlobServiceClient();
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var datasets = service.GetBlobContainerClient("datasets-" + suffix);
        await datasets.CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);
        var files = new BlobRunFiles(service, "runs-" + suffix);
        await using var harness = await PipelineHarness.StartAsync(files: files);
        await using var host = await FunctionsHttpHost.StartAsync(harness, service);
        var blob = datasets.GetBlobClient("pairs.jsonl");
        await blob.UploadAsync(BinaryData.FromBytes(await File.ReadAllBytesAsync(await harness.SampleAsync(), TestContext.Current.CancellationToken)), TestContext.Current.CancellationToken);
        var started = await new DatasetBlobStarter(harness.Pipeline.Runs, files, Options.Create(harness.Pipeline.Options), TimeProvider.System, NullLogger<DatasetBlobStarter>.Instance)
            .StartAsync(blob, null, TestContext.Current.CancellationToken);
        var result = await harness.RunToEndAsync(started.RunId!);
        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.Equal(files.NameOf(result.Status.ReportUri!), $"{started.RunId}/report/report.html");

        using var http = new HttpClient { DefaultRequestHeaders = { { "x-functions-key", host.Key } } };
        foreach (var (format, start) in new[] { ("html", "<!DOCTYPE html>"), ("md", "# DPO run report"), ("json", "{") })
        {
            using var answer = await http.GetAsync(new Uri(host.BaseUri, $"api/runs/{started.RunId}/report?format={format}"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.StartsWith(start, await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
    }
}
