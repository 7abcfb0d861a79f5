using System.ClientModel;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using DpoPipeline.Core.Http;
using Microsoft.Extensions.Logging;
using OpenAI.Files;
using OpenAI.FineTuning;

namespace DpoPipeline.Core.FineTuning;

// The SDK marks its fine-tuning client experimental; we only use its pipeline and raw protocol methods.
#pragma warning disable OPENAI001

/// <summary>
/// Files and DPO fine-tuning jobs over the OpenAI v1 API of an Azure OpenAI / Foundry resource. Built on the OpenAI
/// SDK's pipeline and protocol methods, parsing every answer with our own tolerant DTOs. Create it with
/// <see cref="AzureClientFactory"/> (or <c>services.AddDpoAzureClients</c>).
/// </summary>
public sealed class FineTuningServiceClient
{
    private const string JobsPath = "fine_tuning/jobs";
    private const int ListPageSize = 100;

    private readonly OpenAIFileClient _files;
    private readonly FineTuningClient _fineTuning;
    private readonly OpenAIRequestSender _sender;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    internal FineTuningServiceClient(
        OpenAIFileClient files, FineTuningClient fineTuning, OpenAIRequestSender sender, TimeProvider timeProvider, ILogger logger)
    {
        _files = files;
        _fineTuning = fineTuning;
        _sender = sender;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Streams a JSONL file to POST /files with purpose fine-tune. Azure answers 201 with status pending.</summary>
    public async Task<FineTuningFile> UploadFileAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        // Created once, outside the retried call, so that every attempt rewinds to where the caller's stream started.
        using var multipart = new MultipartFileContent(content, fileName, "fine-tune");
        var body = await _sender.SendAsync(
            "upload file", options => _files.UploadFileAsync(multipart, multipart.ContentType, options), cancellationToken);
        var file = Read(body, FineTuningJsonContext.Default.FineTuningFile);
        _logger.LogInformation("Uploaded {FileName} as {FileId} ({Status})", fileName, file.Id, file.RawStatus);
        return file;
    }

    public async Task<FineTuningFile> GetFileAsync(string fileId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileId);
        var body = await _sender.SendAsync("get file", options => _files.GetFileAsync(fileId, options), cancellationToken);
        return Read(body, FineTuningJsonContext.Default.FineTuningFile);
    }

    /// <summary>Every file of <paramref name="purpose"/> (e.g. <c>fine-tune</c>), following <c>after</c> while the list says it has more.</summary>
    public IAsyncEnumerable<FineTuningFile> GetAllFilesAsync(string purpose, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        return EnumerateAsync(
            async (after, token) => Read(
                await _sender.SendAsync(
                    "list files",
                    _sender.Request("GET", $"files?purpose={Uri.EscapeDataString(purpose)}{(after is null ? string.Empty : "&after=" + Uri.EscapeDataString(after))}"),
                    token),
                FineTuningJsonContext.Default.ListPageFineTuningFile),
            file => file.Id,
            cancellationToken);
    }

    /// <summary>Deletes a file; false when it was already gone (404, or Azure's 200 with <c>deleted: false</c>).</summary>
    public async Task<bool> DeleteFileAsync(string fileId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileId);
        try
        {
            var body = await _sender.SendAsync("delete file", options => _files.DeleteFileAsync(fileId, options), cancellationToken);
            return Read(body, FineTuningJsonContext.Default.FileDeletionResult).Deleted;
        }
        catch (AzureOpenAIServiceException e) when (e.Kind == ServiceErrorKind.NotFound)
        {
            return false;
        }
    }

    /// <summary>One look at a file's processing state; never waits. For durable pollers that sleep on a timer.</summary>
    public async Task<FileCheckResult> CheckFileAsync(string fileId, CancellationToken cancellationToken = default) =>
        FileCheckResult.From(await GetFileAsync(fileId, cancellationToken));

    /// <summary>
    /// Polls until the file is processed. Throws <see cref="AzureOpenAIServiceException"/> (FileNotProcessed) with the
    /// service's validation message when processing fails, and <see cref="TimeoutException"/> after <paramref name="timeout"/>.
    /// </summary>
    public async Task<FineTuningFile> WaitForFileProcessedAsync(
        string fileId, TimeSpan pollInterval, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = _timeProvider.GetUtcNow() + timeout;
        while (true)
        {
            var check = await CheckFileAsync(fileId, cancellationToken);
            switch (check.State)
            {
                case FileCheckState.Processed:
                    return check.File;
                case FileCheckState.Error:
                    throw new AzureOpenAIServiceException(
                        "process file " + fileId, ServiceErrorKind.FileNotProcessed, 200, check.File.RawStatus, check.Message);
            }

            if (_timeProvider.GetUtcNow() + pollInterval > deadline)
            {
                throw new TimeoutException($"File {fileId} was still '{check.File.RawStatus}' after {timeout}.");
            }

            await Task.Delay(pollInterval, _timeProvider, cancellationToken);
        }
    }

    /// <summary>
    /// Creates the run's DPO job, or returns the job that already exists for <see cref="DpoJobRequest.RunId"/> (unless it
    /// failed or was cancelled), so a replayed activity never pays for a second job. The request is validated against the
    /// documented ranges first. When an attempt gets no answer the next one looks for the job again before re-posting.
    /// </summary>
    public async Task<FineTuningJob> CreateDpoJobAsync(DpoJobRequest request, CancellationToken cancellationToken = default)
    {
        DpoJobRequestValidator.EnsureValid(request);
        var payload = BinaryData.FromObjectAsJson(DpoJobCreateBody.From(request), FineTuningJsonContext.Default.DpoJobCreateBody);
        return await CreateJobAsync("DPO", request.RunId, payload, FindRunJobAsync, cancellationToken);
    }

    /// <summary>
    /// Creates the SFT stage's job of a run (method <c>supervised</c>, tagged with the run and <c>dpo_stage: sft</c>),
    /// or returns the one that already exists for the run unless it failed or was cancelled: a replayed activity never
    /// pays for a second job, and the run's DPO job is never taken for it.
    /// </summary>
    public async Task<FineTuningJob> CreateSftJobAsync(SftJobRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = SftJobRequestValidator.Validate(request);
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid SFT job request: " + string.Join(" ", problems), nameof(request));
        }

        var payload = BinaryData.FromString(SftJobCreateBody.Json(request));
        return await CreateJobAsync("SFT", request.RunId, payload, FindRunSftJobAsync, cancellationToken);
    }

    // The run's job, if it has one, is returned instead; and each attempt after the first looks for the job an earlier
    // attempt may have created (its answer lost on the way back) before it posts again: a retry never pays for a second job.
    private async Task<FineTuningJob> CreateJobAsync(
        string method, string runId, BinaryData payload, Func<string, CancellationToken, Task<FineTuningJob?>> findRunJob, CancellationToken cancellationToken)
    {
        if (await FindReusableAsync(method, runId, findRunJob, cancellationToken) is { } existing)
        {
            return existing;
        }

        var attempts = 0;
        return await _sender.Resilience.ExecuteAsync(
            async token =>
            {
                if (attempts++ > 0 && await FindReusableAsync(method, runId, findRunJob, token) is { } created)
                {
                    return created;
                }

                var body = await _sender.SendOnceAsync(
                    "create fine-tuning job", _sender.Request("POST", JobsPath, BinaryContent.Create(payload)), token);
                var job = Read(body, FineTuningJsonContext.Default.FineTuningJob);
                _logger.LogInformation(
                    "Created {Method} job {JobId} for run {RunId} on {Model} ({Status})", method, job.Id, runId, job.Model, job.RawStatus);
                return job;
            },
            cancellationToken);
    }

    /// <summary>The newest SFT-stage job of the run, in any state.</summary>
    public async Task<FineTuningJob?> FindRunSftJobAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        await foreach (var job in GetAllJobsAsync(cancellationToken))
        {
            if (RunJobTag.MatchesSft(job, runId))
            {
                return job;
            }
        }

        return null;
    }

    /// <summary>
    /// A model as the service describes it (<c>GET /models/{id}</c>): a catalogue model or a fine-tuned one, with its
    /// capabilities. Null when the service does not know it (404).
    /// </summary>
    public async Task<ServiceModel?> GetModelAsync(string modelId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        try
        {
            var body = await _sender.SendAsync("get model", _sender.Request("GET", "models/" + Uri.EscapeDataString(modelId)), cancellationToken);
            return Read(body, FineTuningJsonContext.Default.ServiceModel);
        }
        catch (AzureOpenAIServiceException e) when (e.Kind == ServiceErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>The newest job tagged with the run (metadata <c>dpo_run_id</c> or the run's suffix), in any state; never its SFT stage's.</summary>
    public async Task<FineTuningJob?> FindRunJobAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        await foreach (var job in GetAllJobsAsync(cancellationToken))
        {
            if (RunJobTag.Matches(job, runId) && !RunJobTag.IsSftStage(job))
            {
                return job;
            }
        }

        return null;
    }

    public async Task<FineTuningJob> GetJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        await SendJobAsync("get fine-tuning job", "GET", JobPath(jobId), cancellationToken);

    /// <summary>One page of jobs, newest first; pass the last id of a page as <paramref name="after"/> for the next.</summary>
    public async Task<ListPage<FineTuningJob>> ListJobsAsync(string? after = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var body = await _sender.SendAsync("list fine-tuning jobs", _sender.Request("GET", JobsPath + Query(after, limit)), cancellationToken);
        return Read(body, FineTuningJsonContext.Default.ListPageFineTuningJob);
    }

    public IAsyncEnumerable<FineTuningJob> GetAllJobsAsync(CancellationToken cancellationToken = default) =>
        EnumerateAsync((after, token) => ListJobsAsync(after, ListPageSize, token), job => job.Id, cancellationToken);

    public async Task<ListPage<FineTuningEvent>> ListEventsAsync(
        string jobId, string? after = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var body = await _sender.SendAsync(
            "list fine-tuning events", _sender.Request("GET", JobPath(jobId) + "/events" + Query(after, limit)), cancellationToken);
        return Read(body, FineTuningJsonContext.Default.ListPageFineTuningEvent);
    }

    public IAsyncEnumerable<FineTuningEvent> GetAllEventsAsync(string jobId, CancellationToken cancellationToken = default) =>
        EnumerateAsync((after, token) => ListEventsAsync(jobId, after, ListPageSize, token), e => e.Id, cancellationToken);

    public async Task<ListPage<FineTuningCheckpoint>> ListCheckpointsAsync(
        string jobId, string? after = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var body = await _sender.SendAsync(
            "list fine-tuning checkpoints", _sender.Request("GET", JobPath(jobId) + "/checkpoints" + Query(after, limit)), cancellationToken);
        return Read(body, FineTuningJsonContext.Default.ListPageFineTuningCheckpoint);
    }

    /// <summary>Pauses a running job (the service requires at least one completed step).</summary>
    public async Task<FineTuningJob> PauseJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        var body = await _sender.SendAsync("pause fine-tuning job", options => _fineTuning.PauseFineTuningJobAsync(jobId, options), cancellationToken);
        return Read(body, FineTuningJsonContext.Default.FineTuningJob);
    }

    public async Task<FineTuningJob> ResumeJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        var body = await _sender.SendAsync("resume fine-tuning job", options => _fineTuning.ResumeFineTuningJobAsync(jobId, options), cancellationToken);
        return Read(body, FineTuningJsonContext.Default.FineTuningJob);
    }

    public async Task<FineTuningJob> CancelJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        await SendJobAsync("cancel fine-tuning job", "POST", JobPath(jobId) + "/cancel", cancellationToken);

    /// <summary>The content of a file, e.g. a job's result file.</summary>
    public async Task<BinaryData> DownloadFileAsync(string fileId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileId);
        return await _sender.SendAsync("download file", options => _files.DownloadFileAsync(fileId, options), cancellationToken);
    }

    /// <summary>Per-step train/validation loss and accuracy from the job's (first) result file; empty when it has none yet.</summary>
    public async Task<IReadOnlyList<StepMetrics>> ReadStepMetricsAsync(FineTuningJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.ResultFiles is not [var resultFileId, ..])
        {
            return [];
        }

        return StepMetricsCsvReader.Parse(await DownloadFileAsync(resultFileId, cancellationToken));
    }

    // A job of the run that failed or was cancelled is not reused: the run pays for a new one only then.
    private async Task<FineTuningJob?> FindReusableAsync(
        string method, string runId, Func<string, CancellationToken, Task<FineTuningJob?>> findRunJob, CancellationToken cancellationToken)
    {
        var existing = await findRunJob(runId, cancellationToken);
        if (existing is null || existing.Status is FineTuningJobStatus.Failed or FineTuningJobStatus.Cancelled)
        {
            return null;
        }

        _logger.LogInformation(
            "Run {RunId} already has {Method} job {JobId} ({Status}); not creating another", runId, method, existing.Id, existing.RawStatus);
        return existing;
    }

    private async Task<FineTuningJob> SendJobAsync(string operation, string method, string path, CancellationToken cancellationToken)
    {
        var body = await _sender.SendAsync(operation, _sender.Request(method, path), cancellationToken);
        return Read(body, FineTuningJsonContext.Default.FineTuningJob);
    }

    private static async IAsyncEnumerable<T> EnumerateAsync<T>(
        Func<string?, CancellationToken, Task<ListPage<T>>> fetch, Func<T, string> id, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        while (true)
        {
            var page = await fetch(after, cancellationToken);
            foreach (var item in page.Data)
            {
                yield return item;
            }

            if (!page.HasMore || page.Data.Count == 0)
            {
                yield break;
            }

            after = id(page.Data[^1]);
        }
    }

    private static string JobPath(string jobId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return JobsPath + "/" + Uri.EscapeDataString(jobId);
    }

    private static string Query(string? after, int? limit)
    {
        var parts = new List<string>(2);
        if (!string.IsNullOrEmpty(after))
        {
            parts.Add("after=" + Uri.EscapeDataString(after));
        }

        if (limit is { } count)
        {
            parts.Add("limit=" + count.ToString(CultureInfo.InvariantCulture));
        }

        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }

    private static T Read<T>(BinaryData body, JsonTypeInfo<T> type) => ServiceJson.Read(body, type);
}
