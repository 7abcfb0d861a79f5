using System.Text.Json;
using Azure.Storage.Blobs;
using DpoPipeline.Functions.Http;
using DpoPipeline.Local.Azurite;
using DpoPipeline.Workflow.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DpoPipeline.Pipeline.Tests;

/// <summary><c>POST /api/runs</c> with a <c>datasetUri</c>, against real blob storage (Azurite).</summary>
public sealed class DatasetUriTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly AzuriteServer _azurite = azurite.Server;
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..12];
    private PipelineHarness _harness = null!;
    private BlobServiceClient _service = null!;
    private RunsApi _api = null!;

    private string DatasetsContainer => "datasets-" + _suffix;

    public async ValueTask InitializeAsync()
    {
        _service = _azurite.CreateBlobServiceClient();
        var files = new BlobRunFiles(_service, "runs-" + _suffix);
        _harness = await PipelineHarness.StartAsync(
            emulator: o => o.Durations.JobQueued = TimeSpan.FromHours(5),
            pipeline: o => o.DatasetContainers = DatasetsContainer,
            withBaseDeployment: false,
            files: files);
        _api = new RunsApi(files, _service, Options.Create(_harness.Pipeline.Options), TimeProvider.System, NullLoggerFactory.Instance);
    }

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Theory(Timeout = 60_000)]
    [InlineData("runs")]
    [InlineData("azure-webjobs-secrets")]
    public async Task A_dataset_uri_outside_the_dataset_containers_is_refused_naming_the_allowed_ones(string container)
    {
        var blob = await UploadAsync(container + "-" + _suffix, "host.json", "{}"u8.ToArray());

        var answer = await _api.StartRun(Post(blob.Uri), _harness.Client, TestContext.Current.CancellationToken);

        var problem = Assert.Single(Problems(Assert.IsType<BadRequestObjectResult>(answer)));
        Assert.Contains($"'{DatasetsContainer}'", problem, StringComparison.Ordinal);
        Assert.Empty(await _harness.InstancesAsync());
    }

    [Fact(Timeout = 120_000)]
    public async Task Posting_the_same_dataset_uri_again_answers_with_the_run_that_exists()
    {
        var blob = await UploadAsync(DatasetsContainer, "pairs.jsonl", await File.ReadAllBytesAsync(await _harness.SampleAsync(), TestContext.Current.CancellationToken));

        var first = Answer(await _api.StartRun(Post(blob.Uri), _harness.Client, TestContext.Current.CancellationToken));
        var again = Answer(await _api.StartRun(Post(blob.Uri), _harness.Client, TestContext.Current.CancellationToken));

        Assert.True(first.GetProperty("started").GetBoolean());
        Assert.False(again.GetProperty("started").GetBoolean());
        Assert.Equal(first.GetProperty("runId").GetString(), again.GetProperty("runId").GetString());
        Assert.Single(await _harness.InstancesAsync(), i => i.Name == "RunPipeline");
    }

    private async Task<BlobClient> UploadAsync(string container, string name, byte[] content)
    {
        var client = _service.GetBlobContainerClient(container);
        await client.CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);
        var blob = client.GetBlobClient(name);
        await blob.UploadAsync(new BinaryData(content), overwrite: true, TestContext.Current.CancellationToken);
        return blob;
    }

    private static HttpRequest Post(Uri datasetUri)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("pipeline.example");
        context.Request.Path = "/api/runs";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(new { datasetUri }));
        return context.Request;
    }

    private static IEnumerable<string?> Problems(BadRequestObjectResult answer) =>
        JsonSerializer.SerializeToElement(answer.Value).GetProperty("problems").EnumerateArray().Select(p => p.GetString());

    private static JsonElement Answer(IActionResult answer)
    {
        var result = Assert.IsType<ObjectResult>(answer);
        Assert.Equal(202, result.StatusCode);
        return JsonSerializer.SerializeToElement(result.Value);
    }
}
