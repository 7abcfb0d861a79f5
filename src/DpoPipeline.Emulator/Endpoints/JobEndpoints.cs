using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DpoPipeline.Emulator.Http;
using DpoPipeline.Emulator.Json;
using DpoPipeline.Emulator.Lifecycle;
using DpoPipeline.Emulator.State;

namespace DpoPipeline.Emulator.Endpoints;

/// <summary><c>/fine_tuning/jobs</c>: create (201 <c>pending</c>), list, get, delete (204, even unknown), events, checkpoints, pause, resume, cancel.</summary>
internal static class JobEndpoints
{
    /// <summary>A job whose suffix ends so fails midway through training.</summary>
    public const string FailSuffixMarker = "emulator-fail";

    /// <summary>Metadata key and value that make a job fail midway.</summary>
    public const string FaultMetadataKey = "emulator_fault";
    public const string FailMidwayValue = "fail-midway";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/fine_tuning/jobs", CreateAsync);
        routes.MapGet("/fine_tuning/jobs", List);
        routes.MapGet("/fine_tuning/jobs/{id}", Get);
        routes.MapDelete("/fine_tuning/jobs/{id}", Delete);
        routes.MapGet("/fine_tuning/jobs/{id}/events", Events);
        routes.MapGet("/fine_tuning/jobs/{id}/checkpoints", Checkpoints);
        routes.MapPost("/fine_tuning/jobs/{id}/pause", (string id, EmulatorRuntime runtime) => Control(id, JobControlKind.Pause, runtime));
        routes.MapPost("/fine_tuning/jobs/{id}/resume", (string id, EmulatorRuntime runtime) => Control(id, JobControlKind.Resume, runtime));
        routes.MapPost("/fine_tuning/jobs/{id}/cancel", (string id, EmulatorRuntime runtime) => Control(id, JobControlKind.Cancel, runtime));
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, EmulatorRuntime runtime, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException ex)
        {
            return AzureError.InvalidPayload($"The request body is not valid JSON: {ex.Message}");
        }

        JobCreateRequest? create;
        using (document)
        {
            var (parsed, error, param) = JobCreateRequest.Parse(document.RootElement);
            if (parsed is null)
            {
                return AzureError.InvalidPayload(error!, param);
            }

            create = parsed;
        }

        var now = runtime.Now;
        // A catalogue model, or a fine-tuned model of a succeeded job: continuous fine-tuning.
        var model = ResolveModel(create.Model, runtime.Options)
            ?? runtime.Store.Read(state => ModelCatalog.FineTuned(state, runtime.Progress(state, now), create.Model)?.FineTunedModelName);
        if (model is null)
        {
            return AzureError.InvalidPayload("The specified base model does not support fine-tuning.", "model");
        }

        var location = $"{request.Scheme}://{request.Host}/openai/fine_tuning/";
        return runtime.Store.Update(state =>
        {
            var fileProblem = CheckFile(state, runtime.Options, now, create.TrainingFile, "training_file")
                ?? (create.ValidationFile is null ? null : CheckFile(state, runtime.Options, now, create.ValidationFile, "validation_file"));
            if (fileProblem is not null)
            {
                return fileProblem;
            }

            var progress = runtime.Progress(state, now);
            var waiting = state.Jobs.Count(j => j.DeletedAt is null && progress[j.Id].Status is JobStatus.Pending or JobStatus.ValidatingFiles or JobStatus.Queued);
            var quotas = runtime.Options.Quotas;
            if (waiting >= quotas.MaxQueuedJobs)
            {
                return AzureError.TooManyRequests(
                    request.HttpContext,
                    quotas.RetryAfterSeconds,
                    $"The number of queued fine-tuning jobs has reached the limit of {quotas.MaxQueuedJobs} for this resource. Wait for jobs to finish or cancel some.");
            }

            var job = NewJob(create, model, state, now);
            state.AddJob(job);
            state.Counters.JobCreated();
            request.HttpContext.Response.Headers.Location = location + job.Id + "?api-version=1";
            var jobProgress = runtime.Progress(state, now)[job.Id];
            return Results.Json(JobJson.Write(job, jobProgress, now, runtime.Options), statusCode: StatusCodes.Status201Created);
        });
    }

    private static StoredJob NewJob(JobCreateRequest create, string model, EmulatorStore state, DateTimeOffset now)
    {
        var id = Ids.New("ftjob-");
        var content = state.FileContent(create.TrainingFile) ?? [];
        var text = System.Text.Encoding.UTF8.GetString(content);
        var examples = text.Split('\n').Count(line => !string.IsNullOrWhiteSpace(line));
        var failMidway = (create.Suffix?.EndsWith(FailSuffixMarker, StringComparison.OrdinalIgnoreCase) ?? false)
            || (create.Metadata?.TryGetValue(FaultMetadataKey, out var fault) == true && fault == FailMidwayValue);
        return new StoredJob(
            id,
            now,
            model,
            create.TrainingFile,
            create.ValidationFile,
            create.Suffix,
            create.Seed ?? (Ids.Seed(id) & int.MaxValue),
            create.Metadata,
            create.Method,
            create.Hyperparameters,
            create.TrainingType,
            examples,
            // About four characters per token is close enough for billing-shaped numbers.
            (long)Math.Ceiling(text.Length / 4.0),
            failMidway,
            []);
    }

    /// <summary>Full names pass; a short name such as <c>gpt-4o-mini</c> resolves to its dated version.</summary>
    internal static string? ResolveModel(string requested, EmulatorOptions options) =>
        options.FineTunableModels.FirstOrDefault(m => string.Equals(m, requested, StringComparison.OrdinalIgnoreCase))
        ?? options.FineTunableModels.FirstOrDefault(m => string.Equals(WithoutDate(m), requested, StringComparison.OrdinalIgnoreCase));

    private static string WithoutDate(string model) =>
        model.Length > 11 && DateOnly.TryParseExact(model[^10..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? model[..^11]
            : model;

    private static IResult? CheckFile(EmulatorStore state, EmulatorOptions options, DateTimeOffset now, string fileId, string param)
    {
        if (state.FindFile(fileId) is not { Deleted: false } file)
        {
            return AzureError.InvalidPayload($"The file '{fileId}' given as {param} could not be found.", param);
        }

        if (file.Purpose != FileLifecycle.FineTunePurpose)
        {
            return AzureError.InvalidPayload($"The file '{fileId}' given as {param} has purpose '{file.Purpose}', not 'fine-tune'.", param);
        }

        return FileLifecycle.StatusOf(file, options, now) switch
        {
            FileLifecycle.Processed => null,
            FileLifecycle.Error => AzureError.InvalidPayload($"The file '{fileId}' given as {param} failed validation: {FileLifecycle.StatusDetails(file.ValidationError!)}", param),
            var status => AzureError.InvalidPayload($"The file '{fileId}' given as {param} is not ready (status '{status}'). Wait until it is 'processed'.", param),
        };
    }

    private static IResult List(HttpRequest request, EmulatorRuntime runtime)
    {
        if (!TryPaging(request, 20, out var after, out var limit, out var pagingError))
        {
            return pagingError;
        }

        var filters = request.Query
            .Where(q => q.Key.StartsWith("metadata[", StringComparison.Ordinal) && q.Key.EndsWith(']'))
            .Select(q => (Key: q.Key[9..^1], Value: q.Value.ToString()))
            .ToList();
        var now = runtime.Now;
        return runtime.Store.Read(state =>
        {
            var progress = runtime.Progress(state, now);
            var jobs = state.Jobs
                .Where(j => j.DeletedAt is null)
                .Where(j => filters.All(f => j.Metadata?.TryGetValue(f.Key, out var v) == true && v == f.Value))
                .Reverse()
                .ToList();
            var page = PageAfter(jobs, j => j.Id, after, limit, out var hasMore);
            return Results.Json(JobJson.Page(page.Select(j => JobJson.Write(j, progress[j.Id], now, runtime.Options)), hasMore));
        });
    }

    private static IResult Get(string id, EmulatorRuntime runtime)
    {
        var now = runtime.Now;
        return runtime.Store.Read(state => state.FindJob(id) is { } job
            ? Results.Json(JobJson.Write(job, runtime.Progress(state, now)[id], now, runtime.Options))
            : AzureError.EntityNotFound());
    }

    /// <summary>Azure answers 204 even for an unknown id (recorded); a running job stops, as if cancelled.</summary>
    private static IResult Delete(string id, EmulatorRuntime runtime)
    {
        var now = runtime.Now;
        runtime.Store.Update(state =>
        {
            if (state.FindJob(id) is { } job)
            {
                state.ReplaceJob(job with { DeletedAt = now });
            }

            return true;
        });
        return Results.NoContent();
    }

    private static IResult Events(string id, HttpRequest request, EmulatorRuntime runtime) =>
        JobPage(id, request, runtime, 20, (job, progress, now) => JobHistory.Events(job, progress, now), e => e.Id, (_, e) => JobJson.Event(e));

    private static IResult Checkpoints(string id, HttpRequest request, EmulatorRuntime runtime) =>
        JobPage(id, request, runtime, 10, (job, progress, _) => JobHistory.Checkpoints(job, progress), c => c.Id, JobJson.Checkpoint);

    /// <summary>A page of something derived from one job (events, checkpoints), paged by <c>after</c> and <c>limit</c>.</summary>
    private static IResult JobPage<T>(
        string id,
        HttpRequest request,
        EmulatorRuntime runtime,
        int defaultLimit,
        Func<StoredJob, JobProgress, DateTimeOffset, IReadOnlyList<T>> items,
        Func<T, string> idOf,
        Func<StoredJob, T, JsonObject> write)
    {
        if (!TryPaging(request, defaultLimit, out var after, out var limit, out var pagingError))
        {
            return pagingError;
        }

        var now = runtime.Now;
        return runtime.Store.Read(state =>
        {
            if (state.FindJob(id) is not { } job)
            {
                return AzureError.EntityNotFound();
            }

            var page = PageAfter(items(job, runtime.Progress(state, now)[id], now), idOf, after, limit, out var hasMore);
            return Results.Json(JobJson.Page(page.Select(item => write(job, item)), hasMore));
        });
    }

    private static IResult Control(string id, JobControlKind kind, EmulatorRuntime runtime)
    {
        var now = runtime.Now;
        return runtime.Store.Update(state =>
        {
            if (state.FindJob(id) is not { } job)
            {
                return AzureError.EntityNotFound();
            }

            var progress = runtime.Progress(state, now)[id];
            var refusal = kind switch
            {
                JobControlKind.Pause when progress.Status != JobStatus.Running || progress.StepsDone < 1 =>
                    $"Job {id} can only be paused while running with at least one completed step; it is '{progress.Status}' after {progress.StepsDone} steps.",
                JobControlKind.Resume when progress.Status != JobStatus.Paused =>
                    $"Job {id} can only be resumed when paused; it is '{progress.Status}'.",
                JobControlKind.Cancel when progress.IsTerminal =>
                    $"Job {id} has already finished with status '{progress.Status}' and cannot be cancelled.",
                _ => null,
            };
            if (refusal is not null)
            {
                return AzureError.InvalidPayload(refusal);
            }

            var updated = job with { Controls = [.. job.Controls, new JobControl(kind, now)] };
            state.ReplaceJob(updated);
            return Results.Json(JobJson.Write(updated, runtime.Progress(state, now)[id], now, runtime.Options));
        });
    }

    private static bool TryPaging(HttpRequest request, int defaultLimit, out string? after, out int limit, out IResult error)
    {
        after = request.Query["after"].FirstOrDefault();
        limit = defaultLimit;
        error = Results.Empty;
        var text = request.Query["limit"].FirstOrDefault();
        if (text is null)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= 100)
        {
            return true;
        }

        error = AzureError.InvalidPayload($"'limit' must be an integer from 1 to 100, not '{text}'.", "limit");
        return false;
    }

    /// <summary>Items after the one with id <paramref name="after"/> (from the start when null, none when unknown), at most <paramref name="limit"/>.</summary>
    private static List<T> PageAfter<T>(IReadOnlyList<T> items, Func<T, string> idOf, string? after, int limit, out bool hasMore)
    {
        var start = 0;
        if (after is not null)
        {
            var index = items.ToList().FindIndex(i => idOf(i) == after);
            start = index < 0 ? items.Count : index + 1;
        }

        hasMore = items.Count - start > limit;
        return items.Skip(start).Take(limit).ToList();
    }
}
