using DpoPipeline.Emulator.Faults;
using DpoPipeline.Workflow.Api;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Pipeline.Tests;

/// <summary>
/// However a run ends once it has uploaded anything, it leaves no job training, no file and no deployment behind, and
/// its status lists what it released. Each step that talks to the service is made to fail for good with the emulator's
/// faults, on the real engine.
/// </summary>
public sealed class MoneySafetyTests
{
    [Theory(Timeout = 180_000)]
    [InlineData("UploadTrainingFiles", "400", "POST", "/files", "invalidPayload")]
    [InlineData("CheckFilesProcessed", "403", "GET", "/files/file-", "PermissionDenied")]
    [InlineData("CreateFineTuningJob", "400", "POST", "/fine_tuning/jobs", "invalidPayload")]
    [InlineData("MonitorFineTuningJob", "404", "GET", "/fine_tuning/jobs/ftjob-", "notFound")]
    [InlineData("MonitorFineTuningJob", "500", "GET", "/fine_tuning/jobs/ftjob-", "InternalServerError")]
    [InlineData("DeployModel", "403", "PUT", "/deployments/", "AuthorizationFailed")]
    [InlineData("CheckDeployment", "400", "POST", "/chat/completions", "invalidPayload")]
    public async Task A_step_that_fails_for_good_fails_the_run_with_the_services_code_and_leaves_nothing_paid(
        string step, string fault, string method, string path, string code)
    {
        await using var harness = await PipelineHarness.StartAsync(
            emulator: o => o.Faults.Add(new FaultRule { Fault = fault, Method = method, PathContains = path }), withBaseDeployment: false);
        var request = await harness.StartRunAsync(await harness.SampleAsync());

        var result = await harness.RunToEndAsync(request.RunId);

        Assert.Equal(RunOutcome.Failed, result.Outcome);
        var error = Assert.Single(result.Status.Errors);
        Assert.Equal(code, error.Code);
        Assert.Equal(step, error.Source);
        Assert.Empty(harness.PaidLeftovers());
        Assert.NotNull(result.Status.CleanedUp);
        Assert.Equal(RunPhase.TearingDown, result.Status.Timeline[^2].Phase);
    }

    [Fact(Timeout = 180_000)]
    public async Task The_release_at_a_runs_end_outlasts_a_longer_outage_than_a_step()
    {
        await using var harness = await PipelineHarness.StartAsync(
            emulator: o =>
            {
                o.Faults.Add(new FaultRule { Fault = "404", Method = "GET", PathContains = "/fine_tuning/jobs/ftjob-" });
                // 20 failed deletes: more than a step's five attempts of three requests each survive.
                o.Faults.Add(new FaultRule { Fault = "503", Method = "DELETE", PathContains = "/files/", Count = 20 });
            },
            withBaseDeployment: false);
        var request = await harness.StartRunAsync(await harness.SampleAsync());

        var result = await harness.RunToEndAsync(request.RunId);

        Assert.Equal(RunOutcome.Failed, result.Outcome);
        Assert.Equal(2, result.Status.CleanedUp!.DeletedFiles.Count);
        Assert.Empty(harness.PaidLeftovers());
    }

    [Fact(Timeout = 180_000)]
    public async Task A_permanent_refusal_is_not_retried()
    {
        await using var harness = await PipelineHarness.StartAsync(
            emulator: o => o.Faults.Add(new FaultRule { Fault = "400", Method = "POST", PathContains = "/fine_tuning/jobs" }), withBaseDeployment: false);
        var request = await harness.StartRunAsync(await harness.SampleAsync());

        await harness.RunToEndAsync(request.RunId);

        // One attempt of the activity, which looks for an earlier job first and then posts once: no retry of a 400.
        Assert.Equal(1, harness.Emulator.State.FaultsInjected);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_dataset_that_cannot_be_read_fails_the_run_before_anything_is_uploaded()
    {
        await using var harness = await PipelineHarness.StartAsync(withBaseDeployment: false);
        var request = await harness.StartRunAsync(Path.Combine(harness.DatasetsFolder, "missing.jsonl"));

        var result = await harness.RunToEndAsync(request.RunId);

        Assert.Equal(RunOutcome.Failed, result.Outcome);
        Assert.Equal("not_found", Assert.Single(result.Status.Errors).Code);
        Assert.Equal(0, harness.Emulator.State.FilesUploaded);
        Assert.DoesNotContain(result.Status.Timeline, p => p.Phase == RunPhase.TearingDown);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_cancel_while_the_job_is_being_created_cancels_the_job_once_its_id_is_known()
    {
        await using var harness = await PipelineHarness.StartAsync(
            emulator: o =>
            {
                o.Durations.JobRunning = TimeSpan.FromHours(5);
                o.Faults.Add(new FaultRule { Fault = "slow=1500", Method = "POST", PathContains = "/fine_tuning/jobs", Count = 1 });
            },
            withBaseDeployment: false);
        var request = await harness.StartRunAsync(await harness.SampleAsync());
        await harness.WaitForPhaseAsync(request.RunId, RunPhase.CreatingJob);

        Assert.Equal(RunCommandResult.Accepted, await harness.Pipeline.Runs.CancelAsync(request.RunId, new CancelRequest("changed my mind", "tester"), TestContext.Current.CancellationToken));
        var result = await harness.RunToEndAsync(request.RunId);

        Assert.Equal(RunOutcome.Cancelled, result.Outcome);
        var job = Assert.Single(harness.Emulator.State.Jobs);
        Assert.Equal("cancelled", job.Status);
        Assert.Equal([job.Id], result.Status.CleanedUp!.CancelledJobs);
        Assert.Empty(harness.PaidLeftovers());
        Assert.DoesNotContain(result.Status.Timeline, p => p.Phase == RunPhase.Training);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_cancel_while_deploying_deletes_the_deployment_and_serves_nothing()
    {
        await using var harness = await PipelineHarness.StartAsync(
            emulator: o => o.Faults.Add(new FaultRule { Fault = "slow=1500", Method = "PUT", PathContains = "/deployments/", Count = 1 }),
            withBaseDeployment: false);
        var request = await harness.StartRunAsync(await harness.SampleAsync());
        await harness.WaitForPhaseAsync(request.RunId, RunPhase.Deploying);

        await harness.Pipeline.Runs.CancelAsync(request.RunId, new CancelRequest("not needed", "tester"), TestContext.Current.CancellationToken);
        var result = await harness.RunToEndAsync(request.RunId);

        Assert.Equal(RunOutcome.Cancelled, result.Outcome);
        Assert.Single(result.Status.CleanedUp!.DeletedDeployments);
        Assert.Empty(harness.PaidLeftovers());
        Assert.DoesNotContain(result.Status.Timeline, p => p.Phase == RunPhase.Serving);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_job_that_outlives_the_runs_maximum_time_is_cancelled_and_the_run_times_out()
    {
        await using var harness = await PipelineHarness.StartAsync(
            emulator: o => o.Durations.JobRunning = TimeSpan.FromHours(10), withBaseDeployment: false);
        var request = await harness.StartRunAsync(await harness.SampleAsync(), new RunOverrides { MaxRunHours = 1 });

        var result = await harness.RunToEndAsync(request.RunId);

        Assert.Equal(RunOutcome.TimedOut, result.Outcome);
        Assert.Contains(result.Status.Errors, e => e.Code == "max_run_time_exceeded");
        Assert.Equal("cancelled", Assert.Single(harness.Emulator.State.Jobs).Status);
        Assert.Empty(harness.PaidLeftovers());
    }
}
