using DpoPipeline.Local.Azurite;
using DpoPipeline.Local.Engine;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Pipeline.Tests;

/// <summary>
/// Runs on the durable backend (DurableTask.AzureStorage on Azurite, the provider Durable Functions uses in Azure):
/// the run's state outlives the engine that ran it.
/// </summary>
public sealed class DurableRunTests(AzuriteFixture azurite)
{
    private readonly AzuriteServer _azurite = azurite.Server;

    [Fact(Timeout = 240_000)]
    public async Task A_run_whose_engine_stops_while_training_completes_on_a_new_engine_with_one_job_and_no_second_upload()
    {
        await using var harness = await PipelineHarness.StartAsync(
            emulator: o => o.Durations.JobRunning = TimeSpan.FromHours(3),
            withBaseDeployment: false,
            backend: new AzureStorageBackend(_azurite.ConnectionString, UniqueTaskHub()));
        var request = await harness.StartRunAsync(await harness.SampleAsync());
        var training = await harness.WaitUntilAsync(request.RunId, v => v.Job?.JobStatus == "running");

        await harness.RestartEngineAsync();
        var result = await harness.RunToEndAsync(request.RunId, TimeSpan.FromMinutes(3));

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.Equal(training.Status!.JobId, result.Status.JobId);
        Assert.Equal(1, harness.Emulator.State.JobsCreated);
        Assert.Equal(2, harness.Emulator.State.FilesUploaded);
        Assert.Empty(harness.Emulator.State.Deployments);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_run_on_the_durable_backend_is_found_again_by_its_dataset()
    {
        await using var harness = await PipelineHarness.StartAsync(
            emulator: o => o.Durations.JobQueued = TimeSpan.FromHours(10),
            withBaseDeployment: false,
            backend: new AzureStorageBackend(_azurite.ConnectionString, UniqueTaskHub()));
        var request = await harness.StartRunAsync(await harness.SampleAsync());
        await harness.WaitForPhaseAsync(request.RunId, RunPhase.Training);

        await harness.RestartEngineAsync();
        var unfinished = await harness.Pipeline.Runs.FindUnfinishedAsync(request.DatasetUri, TestContext.Current.CancellationToken);

        Assert.Equal([request.RunId], unfinished);
        await harness.Pipeline.Runs.CancelAsync(request.RunId, new CancelRequest("done", "test"), TestContext.Current.CancellationToken);
        Assert.Equal(RunOutcome.Cancelled, (await harness.RunToEndAsync(request.RunId)).Outcome);
        Assert.Empty(await harness.Pipeline.Runs.FindUnfinishedAsync(request.DatasetUri, TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = 300_000)]
    public async Task An_sft_first_run_whose_engine_stops_during_the_sft_stage_completes_on_a_new_engine_with_two_jobs_and_no_second_upload()
    {
        await using var harness = await PipelineHarness.StartAsync(
            emulator: o => o.Durations.JobRunning = TimeSpan.FromHours(3),
            withBaseDeployment: false,
            backend: new AzureStorageBackend(_azurite.ConnectionString, UniqueTaskHub()));
        var request = await harness.StartRunAsync(await harness.SampleAsync(), new RunOverrides { SftFirst = true });
        var training = await harness.WaitUntilAsync(
            request.RunId, v => v.Status?.SftJobId is { } sft && harness.Emulator.State.Jobs.Any(j => j.Id == sft && j.Status == "running"));

        await harness.RestartEngineAsync();
        var result = await harness.RunToEndAsync(request.RunId, TimeSpan.FromMinutes(4));

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.Equal(training.Status!.SftJobId, result.Status.SftJobId);
        Assert.Equal(2, harness.Emulator.State.JobsCreated);
        Assert.Equal(4, harness.Emulator.State.FilesUploaded);
        Assert.Equal(result.Status.SftModel, harness.Emulator.State.Jobs.Single(j => j.Id == result.Status.JobId).Model);
        Assert.Empty(harness.PaidLeftovers());
    }

    // Task hub names: a letter, then letters and digits, at most 45 characters; one per test keeps tests apart.
    private static string UniqueTaskHub() => "t" + Guid.NewGuid().ToString("N")[..20];
}
