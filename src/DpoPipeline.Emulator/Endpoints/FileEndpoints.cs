using System.Text;
using System.Text.Json.Nodes;
using DpoPipeline.Emulator.Http;
using DpoPipeline.Emulator.Json;
using DpoPipeline.Emulator.Lifecycle;
using DpoPipeline.Emulator.State;

namespace DpoPipeline.Emulator.Endpoints;

/// <summary><c>/files</c>: multipart upload (201 <c>pending</c>), get, list, delete (a second delete answers <c>deleted: false</c>), content.</summary>
internal static class FileEndpoints
{
    public const long MaxFileBytes = 512L * 1024 * 1024;
    private static readonly string[] Purposes = ["fine-tune", "assistants", "batch", "user_data", "vision", "evals"];

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/files", UploadAsync);
        routes.MapGet("/files", List);
        routes.MapGet("/files/{id}", Get);
        routes.MapDelete("/files/{id}", Delete);
        routes.MapGet("/files/{id}/content", Content);
    }

    private static async Task<IResult> UploadAsync(HttpRequest request, EmulatorRuntime runtime, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return AzureError.InvalidPayload("The request must be multipart/form-data with a 'file' part and a 'purpose' field.");
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var purpose = form["purpose"].ToString();
        if (!Purposes.Contains(purpose, StringComparer.Ordinal))
        {
            return AzureError.InvalidPayload($"'{purpose}' is not one of ['{string.Join("', '", Purposes)}'] - 'purpose'", "purpose");
        }

        var upload = form.Files.GetFile("file");
        if (upload is null || upload.Length == 0)
        {
            return AzureError.InvalidPayload("A non-empty 'file' part is required.", "file");
        }

        if (upload.Length > MaxFileBytes)
        {
            return AzureError.InvalidPayload($"The file is {upload.Length} bytes; the limit is {MaxFileBytes} bytes.", "file");
        }

        var content = new byte[upload.Length];
        await using (var stream = upload.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }

        string? validationError = null;
        if (purpose == FileLifecycle.FineTunePurpose)
        {
            using var validated = new MemoryStream(content, writable: false);
            validationError = await runtime.Options.FileValidator.ValidateAsync(validated, cancellationToken);
        }

        var now = runtime.Now;
        return runtime.Store.Update(state =>
        {
            var maxFiles = runtime.Options.Quotas.MaxFiles;
            if (state.Files.Count(f => !f.Deleted) >= maxFiles)
            {
                return AzureError.Result(StatusCodes.Status400BadRequest, "quotaExceeded", $"The maximum number of files ({maxFiles}) for this resource has been reached. Delete files you no longer need.");
            }

            var file = new StoredFile(Ids.New("file-"), upload.FileName, purpose, content.LongLength, now, validationError);
            state.AddFile(file, content);
            state.Counters.FileUploaded();
            return Results.Json(FileJson.Write(file, FileLifecycle.StatusOf(file, runtime.Options, now)), statusCode: StatusCodes.Status201Created);
        });
    }

    /// <summary>Every file, or only those of <c>?purpose=</c> (results files have purpose <c>fine-tune-results</c>).</summary>
    private static IResult List(string? purpose, EmulatorRuntime runtime)
    {
        var now = runtime.Now;
        return runtime.Store.Read(state =>
        {
            var uploaded = state.Files.Where(f => !f.Deleted).Select(f => FileJson.Write(f, FileLifecycle.StatusOf(f, runtime.Options, now)));
            var progress = runtime.Progress(state, now);
            var results = state.Jobs
                .Where(j => j.DeletedAt is null && progress[j.Id].HasResultFile && !state.IsResultFileDeleted(j.ResultFileId))
                .Select(j => ResultFileJson(j, progress[j.Id]));
            var files = uploaded.Concat(results)
                .Where(f => string.IsNullOrEmpty(purpose) || string.Equals((string?)f["purpose"], purpose, StringComparison.Ordinal));
            return Results.Json(FileJson.List(files));
        });
    }

    private static IResult Get(string id, EmulatorRuntime runtime)
    {
        var now = runtime.Now;
        return runtime.Store.Read(state =>
        {
            if (state.FindFile(id) is { Deleted: false } file)
            {
                return Results.Json(FileJson.Write(file, FileLifecycle.StatusOf(file, runtime.Options, now)));
            }

            return runtime.FindResultFile(state, id, now) is var (job, progress)
                ? Results.Json(ResultFileJson(job, progress))
                : AzureError.EntityNotFound();
        });
    }

    private static IResult Delete(string id, EmulatorRuntime runtime)
    {
        var now = runtime.Now;
        return runtime.Store.Update(state =>
        {
            if (state.FindFile(id) is { } file)
            {
                state.ReplaceFile(file with { Deleted = true });
                return Results.Json(FileJson.Deleted(id, deleted: !file.Deleted));
            }

            if (state.IsResultFileDeleted(id))
            {
                return Results.Json(FileJson.Deleted(id, deleted: false));
            }

            return runtime.FindResultFile(state, id, now) is not null && state.DeleteResultFile(id)
                ? Results.Json(FileJson.Deleted(id, deleted: true))
                : AzureError.EntityNotFound();
        });
    }

    private static IResult Content(string id, EmulatorRuntime runtime)
    {
        var now = runtime.Now;
        return runtime.Store.Read(state =>
        {
            if (state.FindFile(id) is { Deleted: false } file)
            {
                return Results.Bytes(state.FileContent(file.Id) ?? [], "application/octet-stream");
            }

            return runtime.FindResultFile(state, id, now) is var (job, progress)
                ? Results.Bytes(Encoding.UTF8.GetBytes(JobHistory.ResultsCsv(job, progress)), "application/octet-stream")
                : AzureError.EntityNotFound();
        });
    }

    private static JsonObject ResultFileJson(StoredJob job, JobProgress progress)
    {
        var csvBytes = Encoding.UTF8.GetByteCount(JobHistory.ResultsCsv(job, progress));
        var file = new StoredFile(job.ResultFileId, "results.csv", FileLifecycle.ResultsPurpose, csvBytes, progress.ResultFileCreatedAt!.Value, null);
        return FileJson.Write(file, FileLifecycle.Processed);
    }
}
