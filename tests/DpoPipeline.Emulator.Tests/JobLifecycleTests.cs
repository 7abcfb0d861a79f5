using System.Net;
using System.Text.Json;
using Xunit;

namespace DpoPipeline.Emulator.Tests;

public sealed class JobLifecycleTests
{
    private const string DpoMethod = ""","method":{"type":"dpo","dpo":{"hyperparameters":{"n_epochs":2,"beta":0.2}}}""";

    [Fact]
    public async Task Create_DpoJobWithAutoHyperparameters_Answers201PendingWithMinusOne()
    {
        await using var session = await EmulatorSession.StartAsync();
        var file = await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);

        using var response = await session.PostJsonAsync("openai/v1/fine_tuning/jobs", $$"""{"model":"gpt-4.1-mini","training_file":"{{file}}" """ + ""","method":{"type":"dpo","dpo":{"hyperparameters":{"batch_size":"auto"}}}}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var job = await EmulatorSession.ReadJsonAsync(response);
        var id = job.GetProperty("id").GetString()!;
        Assert.Matches("^ftjob-[0-9a-f]{32}$", id);
        Assert.EndsWith($"/openai/fine_tuning/{id}?api-version=1", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal("pending", job.GetProperty("status").GetString());
        Assert.Equal("gpt-4.1-mini-2025-04-14", job.GetProperty("model").GetString());
        var hyperparameters = job.GetProperty("method").GetProperty("dpo").GetProperty("hyperparameters");
        Assert.Equal(-1, hyperparameters.GetProperty("n_epochs").GetInt32());
        Assert.Equal(-1, hyperparameters.GetProperty("batch_size").GetInt32());
        Assert.Equal(0.1, hyperparameters.GetProperty("beta").GetDouble());
        Assert.False(job.TryGetProperty("hyperparameters", out _));
        Assert.False(job.TryGetProperty("fine_tuned_model", out _));
        Assert.False(job.TryGetProperty("error", out _));
        Assert.Equal(1, session.Emulator.State.JobsCreated);
    }

    [Fact]
    public async Task Job_AsTimePasses_GoesThroughEveryPhaseToSucceeded()
    {
        await using var session = await EmulatorSession.StartAsync();
        var d = session.Options.Durations;
        var file = await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);
        var id = (await session.CreateJobAsync(file, $$""","suffix":"run-1"{{DpoMethod}}""")).GetProperty("id").GetString()!;
        var seen = new List<string>();
        foreach (var step in new[] { TimeSpan.Zero, d.JobPending, d.JobValidatingFiles, d.JobQueued, d.JobRunning / 2, d.JobRunning / 2 })
        {
            session.Advance(step);
            seen.Add((await session.GetJsonAsync($"openai/v1/fine_tuning/jobs/{id}")).GetProperty("status").GetString()!);
        }

        Assert.Equal(["pending", "validating_files", "queued", "running", "running", "succeeded"], seen);
        var job = await session.GetJsonAsync($"openai/v1/fine_tuning/jobs/{id}");
        Assert.Equal($"gpt-4.1-mini-2025-04-14.ft-{id[6..]}-run-1", job.GetProperty("fine_tuned_model").GetString());
        Assert.True(job.GetProperty("trained_tokens").GetInt64() > 0);
        Assert.Equal(2, job.GetProperty("method").GetProperty("dpo").GetProperty("hyperparameters").GetProperty("n_epochs").GetInt32());
        Assert.Equal(1, job.GetProperty("method").GetProperty("dpo").GetProperty("hyperparameters").GetProperty("batch_size").GetInt32());
        Assert.Equal((EmulatorSession.Start + d.JobPending + d.JobValidatingFiles + d.JobQueued + d.JobRunning).ToUnixTimeSeconds() + (long)d.FileProcessing.TotalSeconds, job.GetProperty("finished_at").GetInt64());
    }

    [Fact]
    public async Task SucceededJob_ResultFile_HoldsOneCsvRowPerStep()
    {
        await using var session = await EmulatorSession.StartAsync();
        var file = await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);
        var id = (await session.CreateJobAsync(file, DpoMethod)).GetProperty("id").GetString()!;
        var job = await session.AdvanceUntilJobStatusAsync(id, "succeeded");

        var resultFile = job.GetProperty("result_files")[0].GetString()!;
        var csv = await session.Http.GetStringAsync($"openai/v1/files/{resultFile}/content", TestContext.Current.CancellationToken);
        var lines = csv.TrimEnd('\n').Split('\n');

        Assert.StartsWith("step,train_loss,train_mean_token_accuracy,", lines[0], StringComparison.Ordinal);
        Assert.Equal(2 * 200, lines.Length - 1);
        var firstLoss = double.Parse(lines[1].Split(',')[1], System.Globalization.CultureInfo.InvariantCulture);
        var lastLoss = double.Parse(lines[^1].Split(',')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(lastLoss < firstLoss, $"loss should fall: {firstLoss} → {lastLoss}");
        var metadata = await session.GetJsonAsync($"openai/v1/files/{resultFile}");
        Assert.Equal("fine-tune-results", metadata.GetProperty("purpose").GetString());
    }

    [Fact]
    public async Task Checkpoints_OfSucceededJob_AreTheLastThreeEpochsNewestFirst()
    {
        await using var session = await EmulatorSession.StartAsync();
        var file = await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);
        var id = (await session.CreateJobAsync(file, ""","method":{"type":"dpo","dpo":{"hyperparameters":{"n_epochs":4}}}""")).GetProperty("id").GetString()!;
        var job = await session.AdvanceUntilJobStatusAsync(id, "succeeded");

        var page = await session.GetJsonAsync($"openai/v1/fine_tuning/jobs/{id}/checkpoints");

        var steps = page.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("step_number").GetInt32()).ToList();
        Assert.Equal([800, 600, 400], steps);
        Assert.Equal(job.GetProperty("fine_tuned_model").GetString(), page.GetProperty("data")[0].GetProperty("fine_tuned_model_checkpoint").GetString());
        Assert.EndsWith(":ckpt-step-600", page.GetProperty("data")[1].GetProperty("fine_tuned_model_checkpoint").GetString(), StringComparison.Ordinal);
        Assert.Matches("^ftchkpt-[0-9a-f]{32}$", page.GetProperty("data")[0].GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task SecondJob_WhileFirstRuns_StaysQueuedUntilTheSlotFrees()
    {
        await using var session = await EmulatorSession.StartAsync();
        var d = session.Options.Durations;
        var file = await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);
        var first = (await session.CreateJobAsync(file)).GetProperty("id").GetString()!;
        var second = (await session.CreateJobAsync(file)).GetProperty("id").GetString()!;

        session.Advance(d.JobPending + d.JobValidatingFiles + d.JobQueued + (d.JobRunning / 2));
        Assert.Equal("running", await StatusAsync(session, first));
        Assert.Equal("queued", await StatusAsync(session, second));

        session.Advance(d.JobRunning / 2);
        Assert.Equal("succeeded", await StatusAsync(session, first));
        Assert.Equal("running", await StatusAsync(session, second));
    }

    [Fact]
    public async Task PauseAndResume_WhileRunning_FreezeProgressAndDelayTheFinish()
    {
        await using var session = await EmulatorSession.StartAsync();
        var d = session.Options.Durations;
        var file = await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);
        var id = (await session.CreateJobAsync(file)).GetProperty("id").GetString()!;
        session.Advance(d.JobPending + d.JobValidatingFiles + d.JobQueued + (d.JobRunning / 2));

        using var pause = await session.PostJsonAsync($"openai/v1/fine_tuning/jobs/{id}/pause", "{}");
        Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        Assert.Equal("pausing", (await EmulatorSession.ReadJsonAsync(pause)).GetProperty("status").GetString());
        session.Advance(d.JobPausing);
        var paused = await session.GetJsonAsync($"openai/v1/fine_tuning/jobs/{id}");
        Assert.Equal("paused", paused.GetProperty("status").GetString());
        Assert.Equal(1, paused.GetProperty("result_files").GetArrayLength());
        var stepsWhenPaused = session.Emulator.State.Jobs.Single().StepsDone;

        session.Advance(TimeSpan.FromHours(2));
        Assert.Equal(stepsWhenPaused, session.Emulator.State.Jobs.Single().StepsDone);
        using var resume = await session.PostJsonAsync($"openai/v1/fine_tuning/jobs/{id}/resume", "{}");
        Assert.Equal("resuming", (await EmulatorSession.ReadJsonAsync(resume)).GetProperty("status").GetString());
        session.Advance(d.JobResuming);
        Assert.Equal("running", await StatusAsync(session, id));
        session.Advance((d.JobRunning / 2) - d.JobPausing - TimeSpan.FromSeconds(1));
        Assert.Equal("running", await StatusAsync(session, id));
        session.Advance(d.JobPausing + TimeSpan.FromSeconds(1));
        Assert.Equal("succeeded", await StatusAsync(session, id));
    }

    [Fact]
    public async Task Pause_BeforeTrainingStarts_AnswersBadRequest()
    {
        await using var session = await EmulatorSession.StartAsync();
        var file = await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);
        var id = (await session.CreateJobAsync(file)).GetProperty("id").GetString()!;

        using var pause = await session.PostJsonAsync($"openai/v1/fine_tuning/jobs/{id}/pause", "{}");

        Assert.Equal(HttpStatusCode.BadRequest, pause.StatusCode);
        Assert.Equal("pending", await StatusAsync(session, id));
    }

    [Fact]
    public async Task Cancel_QueuedJob_EndsCancelledWithFinishedAtAndNoModel()
    {
        await using var session = await EmulatorSession.StartAsync();
        var file = await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);
        var id = (await session.CreateJobAsync(file)).GetProperty("id").GetString()!;

        using var cancel = await session.PostJsonAsync($"openai/v1/fine_tuning/jobs/{id}/cancel", "{}");
        var cancelled = await EmulatorSession.ReadJsonAsync(cancel);
        session.Advance(TimeSpan.FromHours(5));
        using var again = await session.PostJsonAsync($"openai/v1/fine_tuning/jobs/{id}/cancel", "{}");

        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.True(cancelled.TryGetProperty("finished_at", out _));
        Assert.Equal("cancelled", await StatusAsync(session, id));
        Assert.False((await session.GetJsonAsync($"openai/v1/fine_tuning/jobs/{id}")).TryGetProperty("fine_tuned_model", out _));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var events = (await session.GetJsonAsync($"openai/v1/fine_tuning/jobs/{id}/events")).GetProperty("data");
        Assert.Equal("Job cancelled.", events[0].GetProperty("message").GetString());
        Assert.DoesNotContain(events.EnumerateArray(), e => e.GetProperty("message").GetString()!.StartsWith("Job enqueued", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(""","suffix":"x-emulator-fail" """)]
    [InlineData(""","metadata":{"emulator_fault":"fail-midway"}""")]
    public async Task JobMarkedToFail_FailsMidwayWithServiceStyleError(string marker)
    {
        await using var session = await EmulatorSession.StartAsync();
        var file = await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);
        var id = (await session.CreateJobAsync(file, marker)).GetProperty("id").GetString()!;

        var job = await session.AdvanceUntilJobStatusAsync(id, "failed");

        var error = job.GetProperty("error");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("code").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.False(job.TryGetProperty("fine_tuned_model", out _));
        var view = session.Emulator.State.Jobs.Single();
        Assert.InRange(view.StepsDone, 1, view.TotalSteps - 1);
        var events = await session.GetJsonAsync($"openai/v1/fine_tuning/jobs/{id}/events");
        Assert.Equal("error", events.GetProperty("data")[0].GetProperty("level").GetString());
    }

    [Fact]
    public async Task Events_PagedWithAfterAndLimit_CoverEveryEventOnceNewestFirst()
    {
        await using var session = await EmulatorSession.StartAsync();
        var file = await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);
        var id = (await session.CreateJobAsync(file, DpoMethod)).GetProperty("id").GetString()!;
        await session.AdvanceUntilJobStatusAsync(id, "succeeded");
        var all = (await session.GetJsonAsync($"openai/v1/fine_tuning/jobs/{id}/events?limit=100")).GetProperty("data").EnumerateArray().ToList();

        var paged = new List<JsonElement>();
        string? after = null;
        bool hasMore;
        do
        {
            var page = await session.GetJsonAsync($"openai/v1/fine_tuning/jobs/{id}/events?limit=3" + (after is null ? string.Empty : $"&after={after}"));
            var data = page.GetProperty("data").EnumerateArray().ToList();
            paged.AddRange(data);
            after = data[^1].GetProperty("id").GetString();
            hasMore = page.GetProperty("has_more").GetBoolean();
        }
        while (hasMore);

        Assert.Equal(all.Select(e => e.GetProperty("id").GetString()), paged.Select(e => e.GetProperty("id").GetString()));
        Assert.Equal("Job succeeded.", all[0].GetProperty("message").GetString());
        Assert.Contains(all, e => e.GetProperty("message").GetString()!.StartsWith("Step ", StringComparison.Ordinal));
        var times = all.Select(e => e.GetProperty("created_at").GetInt64()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
    }

    [Fact]
    public async Task Metadata_IsStoredReturnedAndFiltersTheList()
    {
        await using var session = await EmulatorSession.StartAsync();
        var file = await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);
        await session.CreateJobAsync(file, ""","metadata":{"dpo_run_id":"run-a"}""");
        var wanted = await session.CreateJobAsync(file, ""","metadata":{"dpo_run_id":"run-b"}""");

        var list = await session.GetJsonAsync("openai/v1/fine_tuning/jobs?metadata[dpo_run_id]=run-b");

        var only = Assert.Single(list.GetProperty("data").EnumerateArray());
        Assert.Equal(wanted.GetProperty("id").GetString(), only.GetProperty("id").GetString());
        Assert.Equal("run-b", only.GetProperty("metadata").GetProperty("dpo_run_id").GetString());
    }

    [Fact]
    public async Task Delete_AnswersNoContentEvenForUnknownJob_AndTheJobIsGone()
    {
        await using var session = await EmulatorSession.StartAsync();
        var file = await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);
        var id = (await session.CreateJobAsync(file)).GetProperty("id").GetString()!;

        using var delete = await session.Http.DeleteAsync($"openai/v1/fine_tuning/jobs/{id}", TestContext.Current.CancellationToken);
        using var unknown = await session.Http.DeleteAsync("openai/v1/fine_tuning/jobs/does-not-exist", TestContext.Current.CancellationToken);
        using var get = await session.Http.GetAsync($"openai/v1/fine_tuning/jobs/{id}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("notFound", (await EmulatorSession.ReadJsonAsync(get)).GetProperty("error").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("""{"model":"gpt-4.1-mini","training_file":"FILE","method":{"type":"dpo","dpo":{"hyperparameters":{"beta":3}}}}""", "method.dpo.hyperparameters.beta")]
    [InlineData("""{"model":"gpt-4.1-mini","training_file":"FILE","method":{"type":"dpo","dpo":{"hyperparameters":{"n_epochs":0}}}}""", "method.dpo.hyperparameters.n_epochs")]
    [InlineData("""{"model":"gpt-4.1-mini","training_file":"FILE","suffix":"has spaces"}""", "suffix")]
    [InlineData("""{"model":"davinci-002","training_file":"FILE"}""", "model")]
    [InlineData("""{"model":"gpt-4.1-mini","training_file":"file-00000000000000000000000000000000"}""", "training_file")]
    [InlineData("""{"model":"gpt-4.1-mini","training_file":"FILE" """, null)]
    public async Task Create_WithInvalidRequest_AnswersBadRequestAndCreatesNothing(string body, string? param)
    {
        await using var session = await EmulatorSession.StartAsync();
        var file = await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);

        using var response = await session.PostJsonAsync("openai/v1/fine_tuning/jobs", body.Replace("FILE", file, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await EmulatorSession.ReadJsonAsync(response)).GetProperty("error");
        Assert.Equal("invalidPayload", error.GetProperty("code").GetString());
        Assert.Equal(param, error.TryGetProperty("param", out var p) ? p.GetString() : null);
        Assert.Equal(0, session.Emulator.State.JobsCreated);
    }

    [Fact]
    public async Task Create_WithFileStillPending_AnswersBadRequestNamingTheStatus()
    {
        await using var session = await EmulatorSession.StartAsync();
        using var upload = await session.UploadAsync(await File.ReadAllBytesAsync(EmulatorSession.DpoTrainingFile, TestContext.Current.CancellationToken), "train.jsonl");
        var file = (await EmulatorSession.ReadJsonAsync(upload)).GetProperty("id").GetString();

        using var response = await session.PostJsonAsync("openai/v1/fine_tuning/jobs", $$"""{"model":"gpt-4.1-mini","training_file":"{{file}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'pending'", (await EmulatorSession.ReadJsonAsync(response)).GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static async Task<string> StatusAsync(EmulatorSession session, string id) =>
        (await session.GetJsonAsync($"openai/v1/fine_tuning/jobs/{id}")).GetProperty("status").GetString()!;
}
