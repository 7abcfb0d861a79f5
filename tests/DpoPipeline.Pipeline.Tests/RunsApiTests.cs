using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using DpoPipeline.Functions.Http;
using DpoPipeline.Workflow.Runs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DpoPipeline.Pipeline.Tests;

/// <summary>The HTTP functions' input checks and answers, over the local Durable client.</summary>
public sealed class RunsApiTests : IAsyncLifetime
{
    private PipelineHarness _harness = null!;
    private RunsApi _api = null!;

    public async ValueTask InitializeAsync()
    {
        // A day of serving (43 s at the harness's clock), so a busy machine still sees the run serving before its TTL ends it.
        _harness = await PipelineHarness.StartAsync(pipeline: o => o.DeploymentTtlHours = 24);
        // Local run files: these tests upload datasets as request bodies; a datasetUri is refused before any blob is read.
        _api = new RunsApi(
            _harness.Pipeline.Files, new BlobServiceClient("UseDevelopmentStorage=true"), Options.Create(_harness.Pipeline.Options), TimeProvider.System, NullLoggerFactory.Instance);
    }

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact(Timeout = 180_000)]
    public async Task Uploading_a_dataset_starts_a_run_and_answers_202_with_its_status_link()
    {
        var body = await File.ReadAllBytesAsync(await _harness.SampleAsync(), TestContext.Current.CancellationToken);
        var request = Request("POST", "/api/runs", "?name=pairs.jsonl", body, "application/octet-stream");

        var answer = Assert.IsType<ObjectResult>(await _api.StartRun(request, _harness.Client, TestContext.Current.CancellationToken));

        Assert.Equal(202, answer.StatusCode);
        var runId = JsonSerializer.SerializeToElement(answer.Value).GetProperty("runId").GetString()!;
        Assert.EndsWith($"/api/runs/{runId}", request.HttpContext.Response.Headers.Location.ToString(), StringComparison.Ordinal);
        var run = await _harness.InputOfAsync(runId);
        Assert.Equal(body, await File.ReadAllBytesAsync(run.DatasetUri.LocalPath, TestContext.Current.CancellationToken));

        var serving = (await _harness.WaitForPhaseAsync(runId, RunPhase.Serving)).Status!;
        Assert.True(File.Exists(serving.ReportUri!.LocalPath));
        Assert.Contains(_harness.Emulator.State.Deployments, d => d.Name == serving.Deployment && d.Serving);
    }

    [Fact(Timeout = 180_000)]
    public async Task Bad_options_answer_400_listing_every_problem_and_start_nothing()
    {
        var request = Request("POST", "/api/runs", "?name=pairs.jsonl", "{}\n"u8.ToArray(), "application/octet-stream");
        request.Headers[RunsApi.OptionsHeader] = """{ "beta": 9, "deploymentSku": "premium", "epochs": 0 }""";

        var answer = Assert.IsType<BadRequestObjectResult>(await _api.StartRun(request, _harness.Client, TestContext.Current.CancellationToken));

        var problems = JsonSerializer.SerializeToElement(answer.Value).GetProperty("problems").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Equal(3, problems.Count);
        Assert.Empty(await _harness.InstancesAsync());
    }

    [Fact(Timeout = 180_000)]
    public async Task A_dataset_uri_outside_the_pipelines_storage_is_refused()
    {
        var request = Request("POST", "/api/runs", "", """{ "datasetUri": "https://evil.example/x.jsonl" }"""u8.ToArray(), "application/json");

        var answer = await _api.StartRun(request, _harness.Client, TestContext.Current.CancellationToken);

        Assert.IsType<BadRequestObjectResult>(answer);
        Assert.Empty(await _harness.InstancesAsync());
    }

    [Fact(Timeout = 180_000)]
    public async Task Status_of_an_unknown_run_is_404_and_approving_a_run_not_at_the_gate_is_409()
    {
        var unknown = await _api.GetRun(Request("GET", "/api/runs/nope"), "nope", _harness.Client, TestContext.Current.CancellationToken);
        var request = await _harness.StartRunAsync(await _harness.SampleAsync());
        await _harness.WaitForPhaseAsync(request.RunId, RunPhase.Training);

        var approve = await _api.ApproveRun(
            Request("POST", "/approve", body: """{ "approved": true, "decidedBy": "lead" }"""u8.ToArray(), contentType: "application/json"),
            request.RunId, _harness.Client, TestContext.Current.CancellationToken);
        var status = Assert.IsType<OkObjectResult>(await _api.GetRun(Request("GET", "/x"), request.RunId, _harness.Client, TestContext.Current.CancellationToken));

        Assert.IsType<NotFoundObjectResult>(unknown);
        Assert.IsType<ConflictObjectResult>(approve);
        var run = JsonSerializer.SerializeToElement(status.Value, Workflow.DurableJson.Options).GetProperty("run");
        Assert.Equal("Training", run.GetProperty("status").GetProperty("phase").GetString());
    }

    [Fact(Timeout = 180_000)]
    public async Task A_sweep_posted_as_options_shows_its_variants_in_the_run_status_and_one_over_the_limit_is_400()
    {
        var body = await File.ReadAllBytesAsync(await _harness.SampleAsync(), TestContext.Current.CancellationToken);
        var tooMany = Request("POST", "/api/runs", "?name=pairs.jsonl", body, "application/octet-stream");
        tooMany.Headers[RunsApi.OptionsHeader] = """{ "sweep": { "beta": [0.05, 0.1, 0.2], "lr": [0.5, 1, 2] } }""";
        var sweep = Request("POST", "/api/runs", "?name=pairs.jsonl", body, "application/octet-stream");
        sweep.Headers[RunsApi.OptionsHeader] = """{ "sweep": { "beta": [0.05, 0.1] } }""";

        var refused = Assert.IsType<BadRequestObjectResult>(await _api.StartRun(tooMany, _harness.Client, TestContext.Current.CancellationToken));
        var started = Assert.IsType<ObjectResult>(await _api.StartRun(sweep, _harness.Client, TestContext.Current.CancellationToken));

        Assert.Equal(
            "sweep: 9 variants (3 beta × 3 lr) exceed the limit of 6 (Pipeline__MaxSweepVariants); drop some values or raise the setting.",
            Assert.Single(JsonSerializer.SerializeToElement(refused.Value).GetProperty("problems").EnumerateArray()).GetString());
        var runId = JsonSerializer.SerializeToElement(started.Value).GetProperty("runId").GetString()!;
        await _harness.WaitUntilAsync(runId, v => v.Status?.Variants.Any(x => x.JobId is not null) == true);
        var status = Assert.IsType<OkObjectResult>(await _api.GetRun(Request("GET", "/x"), runId, _harness.Client, TestContext.Current.CancellationToken));
        var variants = JsonSerializer.SerializeToElement(status.Value, Workflow.DurableJson.Options).GetProperty("run").GetProperty("status").GetProperty("variants");
        Assert.Equal(["beta=0.05", "beta=0.1"], variants.EnumerateArray().Select(v => v.GetProperty("label").GetString()));
        Assert.Contains(variants.EnumerateArray(), v => v.GetProperty("jobId").GetString()?.StartsWith("ftjob-", StringComparison.Ordinal) == true);
        var listed = JsonSerializer.SerializeToElement(
            Assert.IsType<OkObjectResult>(await _api.ListRuns(Request("GET", "/api/runs"), _harness.Client, TestContext.Current.CancellationToken)).Value,
            Workflow.DurableJson.Options);
        Assert.DoesNotContain(":v", listed.GetRawText(), StringComparison.Ordinal);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{ "approved": true }""")]
    [InlineData("""{ "decidedBy": "lead" }""")]
    public async Task Approving_without_an_explicit_decision_and_who_made_it_is_400(string body)
    {
        var request = await _harness.StartRunAsync(await _harness.SampleAsync());

        var answer = await _api.ApproveRun(
            Request("POST", "/approve", body: System.Text.Encoding.UTF8.GetBytes(body), contentType: "application/json"),
            request.RunId, _harness.Client, TestContext.Current.CancellationToken);

        Assert.IsType<BadRequestObjectResult>(answer);
    }

    [Fact(Timeout = 180_000)]
    public async Task Listing_with_an_unknown_status_is_400()
    {
        var answer = await _api.ListRuns(Request("GET", "/api/runs", "?status=Sleeping"), _harness.Client, TestContext.Current.CancellationToken);

        Assert.IsType<BadRequestObjectResult>(answer);
    }

    private static HttpRequest Request(string method, string path, string query = "", byte[]? body = null, string? contentType = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("pipeline.example");
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query.Length == 0 ? null : query);
        context.Request.Body = new MemoryStream(body ?? []);
        context.Request.ContentType = contentType;
        return context.Request;
    }
}
