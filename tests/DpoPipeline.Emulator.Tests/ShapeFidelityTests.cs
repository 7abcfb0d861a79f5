using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

namespace DpoPipeline.Emulator.Tests;

/// <summary>The emulator answers with the keys, value kinds and status codes of the recorded Azure responses.</summary>
public sealed class ShapeFidelityTests
{
    private const string DpoCreate = """
        ,"validation_file":"VALID","trainingType":"GlobalStandard","method":{"type":"dpo","dpo":{"hyperparameters":{"n_epochs":1,"batch_size":4,"learning_rate_multiplier":0.0001}}}
        """;

    [Fact]
    public async Task Files_MatchRecordedUploadGetErrorAndDeleteShapes()
    {
        await using var session = await EmulatorSession.StartAsync();
        using var upload = await session.UploadAsync(await File.ReadAllBytesAsync(EmulatorSession.DpoTrainingFile, TestContext.Current.CancellationToken), "dpo_training_set.jsonl");
        using var bad = await session.UploadAsync(Encoding.UTF8.GetBytes("{ not json\n"), "intentionally-bad-ft-input.jsonl");
        var uploaded = await EmulatorSession.ReadJsonAsync(upload);
        var id = uploaded.GetProperty("id").GetString();
        var badId = (await EmulatorSession.ReadJsonAsync(bad)).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        JsonShape.AssertSame("azure-file-upload-201-pending-v1-dpo.json", uploaded);

        session.Advance(session.Options.Durations.FileProcessing);
        JsonShape.AssertSame("azure-file-get-processed.json", await session.GetJsonAsync($"openai/v1/files/{id}"));
        JsonShape.AssertSame("azure-file-get-error.json", await session.GetJsonAsync($"openai/v1/files/{badId}"));

        using var delete = await session.Http.DeleteAsync($"openai/v1/files/{id}", TestContext.Current.CancellationToken);
        JsonShape.AssertSame("azure-file-delete-200.json", await EmulatorSession.ReadJsonAsync(delete));
        using var again = await session.Http.DeleteAsync($"openai/v1/files/{id}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        JsonShape.AssertSame("azure-file-delete-200-second-time-deleted-false.json", await EmulatorSession.ReadJsonAsync(again));
    }

    [Fact]
    public async Task DpoJob_MatchesRecordedShapeInEveryStatus()
    {
        await using var session = await EmulatorSession.StartAsync();
        var d = session.Options.Durations;
        var file = await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);
        using var create = await session.PostJsonAsync("openai/v1/fine_tuning/jobs", CreateBody(file, DpoCreate));
        var created = await EmulatorSession.ReadJsonAsync(create);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        Assert.Equal("globalStandard", created.GetProperty("trainingType").GetString());
        JsonShape.AssertSame("azure-ftjob-dpo-create-201-pending-globalstandard.json", created);

        session.Advance(d.JobPending + d.JobValidatingFiles + d.JobQueued + (d.JobRunning / 3));
        JsonShape.AssertSame("azure-ftjob-dpo-get-running-standard.json", await session.GetJsonAsync($"openai/v1/fine_tuning/jobs/{id}"));
        using var pause = await session.PostJsonAsync($"openai/v1/fine_tuning/jobs/{id}/pause", "{}");
        JsonShape.AssertSame("azure-ftjob-dpo-pause-200-pausing.json", await EmulatorSession.ReadJsonAsync(pause));
        session.Advance(d.JobPausing);
        JsonShape.AssertSame("azure-ftjob-dpo-get-paused.json", await session.GetJsonAsync($"openai/v1/fine_tuning/jobs/{id}"));
        using var resume = await session.PostJsonAsync($"openai/v1/fine_tuning/jobs/{id}/resume", "{}");
        JsonShape.AssertSame("azure-ftjob-dpo-resume-200-resuming.json", await EmulatorSession.ReadJsonAsync(resume));
        using var cancel = await session.PostJsonAsync($"openai/v1/fine_tuning/jobs/{id}/cancel", "{}");
        // The recorded cancel came before training, so it has no results file yet.
        JsonShape.AssertSame("azure-ftjob-dpo-cancel-200-cancelled.json", await EmulatorSession.ReadJsonAsync(cancel), "$.result_files");
    }

    [Fact]
    public async Task SucceededSupervisedJob_MatchesRecordedShape()
    {
        await using var session = await EmulatorSession.StartAsync();
        var file = await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);
        using var create = await session.PostJsonAsync("openai/v1/fine_tuning/jobs", CreateBody(file, ""","validation_file":"VALID","method":{"type":"supervised","supervised":{"hyperparameters":{"n_epochs":1}}}"""));
        var id = (await EmulatorSession.ReadJsonAsync(create)).GetProperty("id").GetString()!;

        var job = await session.AdvanceUntilJobStatusAsync(id, "succeeded");

        // additionalParameters is in every other v1 recording but not in this 2025-11-15-preview one.
        JsonShape.AssertSame("azure-ftjob-get-succeeded-sft-standard-2025-11-15-preview.json", job, "$.additionalParameters");
    }

    [Fact]
    public async Task EventsAndCheckpoints_MatchRecordedPages()
    {
        await using var session = await EmulatorSession.StartAsync();
        var file = await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);
        var plain = (await session.CreateJobAsync(file)).GetProperty("id").GetString()!;
        using var withValidation = await session.PostJsonAsync("openai/v1/fine_tuning/jobs", CreateBody(file, ""","validation_file":"VALID" """));
        var validated = (await EmulatorSession.ReadJsonAsync(withValidation)).GetProperty("id").GetString()!;
        await session.AdvanceUntilJobStatusAsync(validated, "succeeded");

        var events = await session.GetJsonAsync($"openai/v1/fine_tuning/jobs/{plain}/events?limit=1");
        JsonShape.AssertSame("azure-ftjob-events-page.json", events);
        Assert.True(events.GetProperty("has_more").GetBoolean());
        JsonShape.AssertSame("azure-ftjob-events-page-v1-warning.json", await session.GetJsonAsync($"openai/v1/fine_tuning/jobs/{plain}/events"));
        JsonShape.AssertSame("azure-ftjob-checkpoints-page.json", await session.GetJsonAsync($"openai/v1/fine_tuning/jobs/{plain}/checkpoints"));
        JsonShape.AssertSame("azure-ftjob-checkpoints-page-with-valid-metrics.json", await session.GetJsonAsync($"openai/v1/fine_tuning/jobs/{validated}/checkpoints"));
    }

    [Fact]
    public async Task JobCreateAndDelete_MatchRecordedStatusesAndHeaders()
    {
        await using var session = await EmulatorSession.StartAsync();
        var file = await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);
        using var create = await session.PostJsonAsync("openai/v1/fine_tuning/jobs", CreateBody(file, string.Empty));
        var id = (await EmulatorSession.ReadJsonAsync(create)).GetProperty("id").GetString()!;

        using var delete = await session.Http.DeleteAsync($"openai/v1/fine_tuning/jobs/{id}", TestContext.Current.CancellationToken);

        AssertStatus("azure-ftjob-create-201.headers.json", create);
        Assert.Matches("/openai/fine_tuning/ftjob-[0-9a-f]{32}\\?api-version=", create.Headers.Location!.ToString());
        AssertStatus("azure-ftjob-delete-204.headers.json", delete);
    }

    [Fact]
    public async Task Errors_MatchRecordedAzureErrorBodies()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var job = await session.Http.GetAsync("openai/v1/fine_tuning/jobs/does-not-exist", TestContext.Current.CancellationToken);
        using var route = await session.Http.GetAsync("openai/v1/no-such-route", TestContext.Current.CancellationToken);
        using var throttled = new HttpRequestMessage(HttpMethod.Get, "openai/v1/files");
        throttled.Headers.Add("x-ms-emulator-fault", "429;retry-after=60");
        using var rateLimited = await session.Http.SendAsync(throttled, TestContext.Current.CancellationToken);

        AssertStatus("azure-error-404-ftjob-not-found.headers.json", job);
        JsonShape.AssertSame("azure-error-404-ftjob-not-found.json", await EmulatorSession.ReadJsonAsync(job));
        Assert.Equal(HttpStatusCode.NotFound, route.StatusCode);
        JsonShape.AssertSame("azure-error-404-resource-not-found.json", await EmulatorSession.ReadJsonAsync(route));
        var body = await EmulatorSession.ReadJsonAsync(rateLimited);
        JsonShape.AssertSame("azure-error-429-ratelimit-from-issue-log.json", body);
        Assert.Equal(
            JsonShape.Fixture("azure-error-429-ratelimit-from-issue-log.json").GetProperty("error").GetProperty("message").GetString(),
            body.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Deployment_MatchesRecordedPutGetListDeleteAndOperationShapes()
    {
        await using var session = await EmulatorSession.StartAsync();
        var model = await ChatCompletionTests.TrainAsync(session);
        var path = EmulatorSession.DeploymentPath("azure-ai-openai-test");
        using var put = await session.PutJsonAsync(path, File.ReadAllText(EmulatorSession.DataPath("api-payloads", "azure-arm-deployment-put-request.json")).Replace("gpt-4o-mini-2024-07-18.ft-d46b386e12f44af59b8a76845f2c0349", model, StringComparison.Ordinal));

        AssertStatus("azure-arm-deployment-put-201.headers.json", put);
        JsonShape.AssertSame("azure-arm-deployment-put-201-creating.json", await EmulatorSession.ReadJsonAsync(put));
        JsonShape.AssertSame("azure-arm-deployment-get-creating.json", await session.GetJsonAsync(path));
        var operation = put.Headers.GetValues("Azure-AsyncOperation").Single();
        JsonShape.AssertSame("azure-arm-operationresult-creating.json", await session.GetJsonAsync(operation));
        session.Advance(session.Options.Durations.DeploymentCreating);
        JsonShape.AssertSame("azure-arm-deployment-get-succeeded.json", await session.GetJsonAsync(path));
        JsonShape.AssertSame("azure-arm-operationresult-succeeded.json", await session.GetJsonAsync(operation));

        // The list recording is api-version 2023-05-01 (lower-case "ratelimits", no currentCapacity) of a base model.
        var list = await session.GetJsonAsync($"{EmulatorSession.AccountPath}/deployments?{EmulatorSession.ApiVersion}");
        JsonShape.AssertSame(
            "azure-arm-deployment-list-2023-05-01.json",
            list,
            "$.value[0].properties.ratelimits",
            "$.value[0].properties.rateLimits",
            "$.value[0].properties.currentCapacity",
            "$.value[0].properties.capabilities");

        using var delete = await session.Http.DeleteAsync(path, TestContext.Current.CancellationToken);
        AssertStatus("azure-arm-deployment-delete-200.headers.json", delete);
        using var missing = await session.Http.GetAsync(path, TestContext.Current.CancellationToken);
        JsonShape.AssertSame("azure-arm-error-404-deployment-notfound.json", await EmulatorSession.ReadJsonAsync(missing));
    }

    [Fact]
    public async Task DeploymentErrors_MatchRecordedCodesAndMessageFormats()
    {
        await using var session = await EmulatorSession.StartAsync(o => o.Quotas.MaxFineTunedDeployments = 0);
        var model = await ChatCompletionTests.TrainAsync(session);

        using var quota = await session.PutJsonAsync(EmulatorSession.DeploymentPath("one-too-many"), EmulatorSession.DeploymentBody(model));
        using var unsupported = await session.PutJsonAsync(EmulatorSession.DeploymentPath("x"), EmulatorSession.DeploymentBody("Mistral-Large-3").Replace("OpenAI", "Mistral AI", StringComparison.Ordinal));

        var quotaBody = await EmulatorSession.ReadJsonAsync(quota);
        JsonShape.AssertSame("azure-arm-error-insufficientquota-from-issue-log.json", quotaBody);
        Assert.Equal("InsufficientQuota", quotaBody.GetProperty("error").GetProperty("code").GetString());
        var unsupportedBody = await EmulatorSession.ReadJsonAsync(unsupported);
        JsonShape.AssertSame("azure-arm-error-deploymentmodelnotsupported-from-issue-log.json", unsupportedBody);
        Assert.Equal(
            JsonShape.Fixture("azure-arm-error-deploymentmodelnotsupported-from-issue-log.json").GetProperty("error").GetProperty("message").GetString(),
            unsupportedBody.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public void ShapeComparison_OfDifferentRecordings_ReportsTheDifference()
    {
        var exception = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() =>
            JsonShape.AssertSame("azure-file-get-error.json", JsonShape.Fixture("azure-file-get-processed.json")));

        Assert.Contains("$.status_details: missing from the emulator", exception.Message, StringComparison.Ordinal);
    }

    private static string CreateBody(string file, string extra) =>
        $$"""{"model":"gpt-4o-mini","training_file":"{{file}}" """ + extra.Trim().Replace("VALID", file, StringComparison.Ordinal) + "}";

    private static void AssertStatus(string headersFixture, HttpResponseMessage response)
    {
        var recorded = JsonShape.Fixture(headersFixture);
        Assert.Equal(recorded.GetProperty("_status").GetInt32(), (int)response.StatusCode);
        foreach (var header in new[] { "Location", "Azure-AsyncOperation", "ETag" })
        {
            Assert.Equal(recorded.TryGetProperty(header, out _), response.Headers.Contains(header));
        }
    }
}
