using DpoPipeline.Contract.Tests.Emulated;
using DpoPipeline.Core.FineTuning;
using DpoPipeline.Core.Http;
using Xunit;

namespace DpoPipeline.Contract.Tests.FineTuning;

/// <summary>The fine-tuning client through a whole DPO run against the emulator.</summary>
public sealed class FineTuningLifecycleTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task A_dpo_run_goes_from_upload_to_a_succeeded_job_with_metrics_and_its_job_is_created_once()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        FineTuningFile training;
        await using (var content = DpoData.OpenTraining())
        {
            training = await azure.FineTuning.UploadFileAsync(content, "train.jsonl", TestContext.Current.CancellationToken);
        }

        Assert.Equal(FineTuningFileStatus.Pending, training.Status);
        Assert.Equal(new FileInfo(DpoData.TrainingFile).Length, training.Bytes);
        var processed = await azure.RunAsync(token => azure.FineTuning.WaitForFileProcessedAsync(training.Id, Poll, Patience, token));
        Assert.Equal(FineTuningFileStatus.Processed, processed.Status);

        var request = new DpoJobRequest
        {
            RunId = "run-2026-11-30-a",
            Model = "gpt-4.1-mini-2025-04-14",
            TrainingFileId = training.Id,
            ValidationFileId = training.Id,
            Seed = 42,
            Hyperparameters = new DpoHyperparameters { Beta = 0.1, Epochs = 2 },
        };
        var created = await azure.FineTuning.CreateDpoJobAsync(request, TestContext.Current.CancellationToken);
        var replayed = await azure.FineTuning.CreateDpoJobAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(FineTuningJobStatus.Pending, created.Status);
        Assert.Equal(created.Id, replayed.Id);
        Assert.Equal(1, azure.Emulator.State.JobsCreated);
        Assert.Equal(created.Id, (await azure.FineTuning.FindRunJobAsync(request.RunId, TestContext.Current.CancellationToken))!.Id);
        Assert.Equal(0.1, created.EffectiveHyperparameters!.Beta);

        var finished = await azure.WaitForJobAsync(created.Id, job => job.Status.IsTerminal());

        Assert.Equal(FineTuningJobStatus.Succeeded, finished.Status);
        Assert.False(finished.HasError);
        Assert.EndsWith(RunJobTag.SuffixFor(request.RunId), finished.FineTunedModel, StringComparison.Ordinal);
        var events = await ToListAsync(azure.FineTuning.GetAllEventsAsync(created.Id, TestContext.Current.CancellationToken));
        var firstPage = await azure.FineTuning.ListEventsAsync(created.Id, limit: 2, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(firstPage.HasMore);
        Assert.True(events.Count > 2);
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        var checkpoints = await azure.FineTuning.ListCheckpointsAsync(created.Id, cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEmpty(checkpoints.Data);
        var metrics = await azure.FineTuning.ReadStepMetricsAsync(finished, TestContext.Current.CancellationToken);
        Assert.NotEmpty(metrics);
        Assert.All(metrics, step => Assert.NotNull(step.TrainLoss));
        Assert.Contains(metrics, step => step.ValidLoss is not null);
    }

    [Fact]
    public async Task A_running_job_pauses_resumes_and_cancels()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        var job = await StartJobAsync(azure, "run-pause");
        var running = await azure.WaitForJobAsync(job.Id, j => j.Status == FineTuningJobStatus.Running);
        await azure.RunAsync(token => Task.Delay(TimeSpan.FromMinutes(5), azure.Time, token).ContinueWith(_ => 0, token));

        var pausing = await azure.FineTuning.PauseJobAsync(running.Id, TestContext.Current.CancellationToken);
        var paused = await azure.WaitForJobAsync(job.Id, j => j.Status == FineTuningJobStatus.Paused);
        var resuming = await azure.FineTuning.ResumeJobAsync(job.Id, TestContext.Current.CancellationToken);
        var cancelled = await azure.FineTuning.CancelJobAsync(job.Id, TestContext.Current.CancellationToken);

        Assert.Equal(FineTuningJobStatus.Pausing, pausing.Status);
        Assert.Equal(FineTuningJobStatus.Paused, paused.Status);
        Assert.Equal(FineTuningJobStatus.Resuming, resuming.Status);
        Assert.Equal(FineTuningJobStatus.Cancelled, cancelled.Status);
    }

    [Fact]
    public async Task A_job_that_failed_midway_reports_its_error_and_a_replay_of_the_run_creates_a_new_job()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        var metadata = new Dictionary<string, string> { ["emulator_fault"] = "fail-midway" };

        var failed = await azure.TrainAsync("run-fails", metadata);
        var retried = await azure.FineTuning.CreateDpoJobAsync(
            new DpoJobRequest { RunId = "run-fails", Model = "gpt-4.1-mini-2025-04-14", TrainingFileId = failed.TrainingFile! },
            TestContext.Current.CancellationToken);

        Assert.Equal(FineTuningJobStatus.Failed, failed.Status);
        Assert.True(failed.HasError);
        Assert.False(string.IsNullOrEmpty(failed.Error!.Message));
        Assert.NotEqual(failed.Id, retried.Id);
        Assert.Equal(2, azure.Emulator.State.JobsCreated);
    }

    [Fact]
    public async Task A_job_on_a_file_still_pending_is_refused_as_file_not_processed_and_nothing_is_created()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        await using var content = DpoData.OpenTraining();
        var file = await azure.FineTuning.UploadFileAsync(content, "train.jsonl", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<AzureOpenAIServiceException>(() => azure.FineTuning.CreateDpoJobAsync(
            new DpoJobRequest { RunId = "run-early", Model = "gpt-4.1-mini-2025-04-14", TrainingFileId = file.Id }, TestContext.Current.CancellationToken));

        Assert.Equal(ServiceErrorKind.FileNotProcessed, error.Kind);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal(0, azure.Emulator.State.JobsCreated);
        Assert.Equal(1, azure.Faults.Count(HttpMethod.Post, "/fine_tuning/jobs"));
    }

    [Fact]
    public async Task An_invalid_file_ends_in_error_with_the_services_validation_message()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        using var content = DpoData.Invalid();
        var file = await azure.FineTuning.UploadFileAsync(content, "bad.jsonl", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<AzureOpenAIServiceException>(() =>
            azure.RunAsync(token => azure.FineTuning.WaitForFileProcessedAsync(file.Id, Poll, Patience, token)));
        var check = await azure.FineTuning.CheckFileAsync(file.Id, TestContext.Current.CancellationToken);

        Assert.Equal(ServiceErrorKind.FileNotProcessed, error.Kind);
        Assert.StartsWith("Validation of jsonl file failed", error.ServiceMessage, StringComparison.Ordinal);
        Assert.Equal(FileCheckState.Error, check.State);
    }

    [Fact]
    public async Task A_base_model_without_fine_tuning_is_refused_once_without_retries()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        var file = await azure.UploadProcessedAsync();

        var error = await Assert.ThrowsAsync<AzureOpenAIServiceException>(() => azure.FineTuning.CreateDpoJobAsync(
            new DpoJobRequest { RunId = "run-model", Model = "gpt-35-turbo-0613", TrainingFileId = file.Id }, TestContext.Current.CancellationToken));

        Assert.Equal(ServiceErrorKind.ModelNotAvailable, error.Kind);
        Assert.Equal(1, azure.Faults.Count(HttpMethod.Post, "/fine_tuning/jobs"));
    }

    [Fact]
    public async Task Invalid_hyperparameters_are_refused_before_anything_is_sent()
    {
        await using var azure = await EmulatedAzure.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => azure.FineTuning.CreateDpoJobAsync(
            new DpoJobRequest
            {
                RunId = "run-bad", Model = "gpt-4.1-mini-2025-04-14", TrainingFileId = "file-1",
                Hyperparameters = new DpoHyperparameters { Beta = 3 },
            },
            TestContext.Current.CancellationToken));

        Assert.Empty(azure.Faults.Sent);
    }

    [Fact]
    public async Task A_file_deletes_once_and_then_reports_already_gone()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        var file = await azure.UploadProcessedAsync();

        Assert.True(await azure.FineTuning.DeleteFileAsync(file.Id, TestContext.Current.CancellationToken));
        Assert.False(await azure.FineTuning.DeleteFileAsync(file.Id, TestContext.Current.CancellationToken));
        Assert.False(await azure.FineTuning.DeleteFileAsync("file-00000000000000000000000000000000", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_unknown_job_is_not_found()
    {
        await using var azure = await EmulatedAzure.StartAsync();

        var error = await Assert.ThrowsAsync<AzureOpenAIServiceException>(() =>
            azure.FineTuning.GetJobAsync("ftjob-00000000000000000000000000000000", TestContext.Current.CancellationToken));

        Assert.Equal(ServiceErrorKind.NotFound, error.Kind);
        Assert.Null(await azure.FineTuning.FindRunJobAsync("run-never", TestContext.Current.CancellationToken));
    }

    private static async Task<FineTuningJob> StartJobAsync(EmulatedAzure azure, string runId)
    {
        var file = await azure.UploadProcessedAsync();
        return await azure.FineTuning.CreateDpoJobAsync(
            new DpoJobRequest { RunId = runId, Model = "gpt-4.1-mini-2025-04-14", TrainingFileId = file.Id }, TestContext.Current.CancellationToken);
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
