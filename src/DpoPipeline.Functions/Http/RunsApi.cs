using System.Text;
using Azure;
using Azure.Storage.Blobs;
using DpoPipeline.Workflow.Api;
using DpoPipeline.Workflow.Configuration;
using DpoPipeline.Workflow.Runs;
using DpoPipeline.Workflow.Starting;
using DpoPipeline.Workflow.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DpoPipeline.Functions.Http;

/// <summary>
/// The HTTP API under <c>/api/runs</c>: parse and check input, hand over to <see cref="RunsService"/>, map the answer
/// to a status code. Function-level keys protect every route.
/// </summary>
public sealed class RunsApi(
    IRunFiles files, BlobServiceClient blobs, IOptions<PipelineOptions> defaults, TimeProvider time, ILoggerFactory loggers)
{
    public const string OptionsHeader = "X-Dpo-Options";

    [Function(nameof(StartRun))]
    public async Task<IActionResult> StartRun(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        StartRunResult started;
        try
        {
            started = IsJson(request)
                ? await StartFromBlobAsync(request, client, cancellationToken)
                : await Service(client).StartAsync(await FromUploadAsync(request, cancellationToken), cancellationToken);
        }
        catch (RunOptionsException e)
        {
            return Problems(e.Problems);
        }

        var links = RunLinks.For(request, started.RunId);
        request.HttpContext.Response.Headers.Location = links.Status.ToString();
        return new ObjectResult(new { runId = started.RunId, started = started.Started, links }) { StatusCode = StatusCodes.Status202Accepted };
    }

    [Function(nameof(GetRun))]
    public async Task<IActionResult> GetRun(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{runId}")] HttpRequest request,
        string runId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var view = await Service(client).GetAsync(runId, cancellationToken);
        return view is null ? NotFound(runId) : new OkObjectResult(new { run = WithReportLink(view, request), links = RunLinks.For(request, runId) });
    }

    [Function(nameof(ListRuns))]
    public async Task<IActionResult> ListRuns(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var (query, problems) = RunListQueryParser.Parse(request.Query);
        if (query is null)
        {
            return Problems(problems);
        }

        var page = await Service(client).ListAsync(query, cancellationToken);
        return new OkObjectResult(page with { Runs = [.. page.Runs.Select(view => WithReportLink(view, request))] });
    }

    /// <summary>
    /// The run's report (<c>?format=html</c>, the default, <c>md</c> or <c>json</c>), read from run storage with the
    /// app's identity: storage allows neither anonymous nor shared-key reads, so this is the link people can open.
    /// </summary>
    [Function(nameof(GetRunReport))]
    public async Task<IActionResult> GetRunReport(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{runId}/report")] HttpRequest request,
        string runId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var format = request.Query["format"].ToString();
        if (ReportDocument.For(format) is not { } document)
        {
            return Problems([$"format: '{format}' is not one of {string.Join(", ", ReportDocument.All.Select(d => d.Format))}."]);
        }

        var view = await Service(client).GetAsync(runId, cancellationToken);
        if (view is null)
        {
            return NotFound(runId);
        }

        if (view.Status?.ReportUri is not { } html)
        {
            return new NotFoundObjectResult(new
            {
                error = "report_not_ready",
                message = $"Run '{runId}' has no report yet (phase {view.Status?.Phase.ToString() ?? "not started"}); it is written after the evaluation.",
            });
        }

        Stream content;
        try
        {
            content = await files.OpenReadAsync(document.Beside(html), cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return new NotFoundObjectResult(new { error = "report_missing", message = $"The {document.FileName} of run '{runId}' is no longer in run storage." });
        }

        var headers = request.HttpContext.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        // The page is opened with the function key in its query: no referrer may carry it anywhere, and the
        // self-contained report needs nothing but inline styles and data-URI images.
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
        return new FileStreamResult(content, document.ContentType);
    }

    [Function(nameof(CancelRun))]
    public async Task<IActionResult> CancelRun(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs/{runId}/cancel")] HttpRequest request,
        string runId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<CancelRequest>(request, cancellationToken);
        return body.Problem ?? Answer(await Service(client).CancelAsync(runId, body.Value ?? new CancelRequest(null, null), cancellationToken), runId);
    }

    [Function(nameof(PauseRun))]
    public async Task<IActionResult> PauseRun(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs/{runId}/pause")] HttpRequest request,
        string runId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        Answer(await Service(client).ControlJobAsync(runId, new JobControlRequest(JobControlAction.Pause, null), cancellationToken), runId);

    [Function(nameof(ResumeRun))]
    public async Task<IActionResult> ResumeRun(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs/{runId}/resume")] HttpRequest request,
        string runId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        Answer(await Service(client).ControlJobAsync(runId, new JobControlRequest(JobControlAction.Resume, null), cancellationToken), runId);

    /// <summary>
    /// Lets a run past the budget gate, or refuses it. Admin level: only the host's master key may approve spending,
    /// never the function keys that start runs.
    /// </summary>
    [Function(nameof(ApproveRun))]
    public async Task<IActionResult> ApproveRun(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "runs/{runId}/approve")] HttpRequest request,
        string runId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ApprovalDecision decision;
        try
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            decision = ApprovalBody.Parse(await reader.ReadToEndAsync(cancellationToken));
        }
        catch (RunOptionsException e)
        {
            return Problems(e.Problems);
        }

        return Answer(await Service(client).ApproveAsync(runId, decision, cancellationToken), runId);
    }

    [Function(nameof(DeleteRunDeployment))]
    public async Task<IActionResult> DeleteRunDeployment(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "runs/{runId}/deployment")] HttpRequest request,
        string runId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        Answer(await Service(client).DeleteDeploymentAsync(runId, new DeleteDeploymentRequest(null), cancellationToken), runId);

    [Function(nameof(PurgeRun))]
    public async Task<IActionResult> PurgeRun(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "runs/{runId}")] HttpRequest request,
        string runId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        Answer(await Service(client).PurgeAsync(runId, cancellationToken), runId);

    private static RunView WithReportLink(RunView view, HttpRequest request) =>
        view.Status?.ReportUri is null ? view : view with { Status = view.Status with { ReportUri = RunLinks.ReportFor(request, view.RunId) } };

    private RunsService Service(DurableTaskClient client) => new(client, loggers.CreateLogger<RunsService>());

    /// <summary>
    /// A blob named by <c>datasetUri</c> starts a run exactly as if it had been dropped: one run per blob version (a
    /// repeated request, or the re-drive of a lost event, answers with the run that exists), supersede included.
    /// </summary>
    private async Task<StartRunResult> StartFromBlobAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = StartRunBody.Parse(await reader.ReadToEndAsync(cancellationToken));
        var uri = body.DatasetUri!;
        if (!files.Owns(uri))
        {
            throw new RunOptionsException([$"datasetUri: {uri} is not in this pipeline's storage account."]);
        }

        var allowed = defaults.Value.DatasetContainerNames;
        var parts = new BlobUriBuilder(uri);
        if (!allowed.Contains(parts.BlobContainerName, StringComparer.Ordinal))
        {
            throw new RunOptionsException(
                [$"datasetUri: only blobs in {string.Join(", ", allowed.Select(c => $"'{c}'"))} can be read (Pipeline__DatasetContainers); '{parts.BlobContainerName}' is not one of them."]);
        }

        var blob = blobs.GetBlobContainerClient(parts.BlobContainerName).GetBlobClient(parts.BlobName);
        var starter = new DatasetBlobStarter(Service(client), files, defaults, time, loggers.CreateLogger<DatasetBlobStarter>());
        BlobStartOutcome outcome;
        try
        {
            outcome = await starter.StartAsync(blob, body.Options, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new RunOptionsException([$"datasetUri: there is no blob at {uri}."]);
        }

        return outcome.Kind switch
        {
            BlobStartKind.Started => new StartRunResult(outcome.RunId!, Started: true),
            BlobStartKind.Duplicate => new StartRunResult(outcome.RunId!, Started: false),
            BlobStartKind.IgnoredSidecar => throw new RunOptionsException([$"datasetUri: {parts.BlobName} is a sidecar of options, not a dataset."]),
            _ => throw new RunOptionsException(outcome.Problems),
        };
    }

    // An uploaded body is kept under the run's own folder, not the drop container, so it never also fires the blob starter.
    private async Task<RunRequest> FromUploadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var name = request.Query["name"].ToString();
        if (string.IsNullOrWhiteSpace(name) || name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal))
        {
            throw new RunOptionsException(["name: upload a dataset as the request body with ?name=<file name>, e.g. ?name=pairs.jsonl, or send JSON with a datasetUri."]);
        }

        var header = request.Headers[OptionsHeader].ToString();
        var overrides = string.IsNullOrEmpty(header) ? null : RunOverrides.Parse(header, OptionsHeader);
        var options = RunOptionsResolver.Resolve(defaults.Value, overrides);
        var runId = RunIds.ForRequest(name, Guid.NewGuid());
        var uri = await files.WriteAsync(runId, "upload/" + name, request.Body, "application/octet-stream", cancellationToken);
        return new RunRequest(runId, uri, time.GetUtcNow(), options, await files.VersionOfAsync(uri, cancellationToken));
    }

    private static bool IsJson(HttpRequest request) =>
        request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;

    private static IActionResult Answer(RunCommandResult result, string runId) => result switch
    {
        RunCommandResult.Accepted => new AcceptedResult(),
        RunCommandResult.NotFound => NotFound(runId),
        _ => new ConflictObjectResult(new { error = "run_state_conflict", message = $"Run '{runId}' is not in a state that allows this." }),
    };

    private static NotFoundObjectResult NotFound(string runId) =>
        new(new { error = "run_not_found", message = $"No run with id '{runId}'." });

    private static BadRequestObjectResult Problems(IReadOnlyList<string> problems) =>
        new(new { error = "invalid_request", problems });
}
