using DpoPipeline.Emulator.Faults;
using DpoPipeline.Workflow.Orchestrations;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Pipeline.Tests;

public sealed class RunPipelineTests
{
    [Fact]
    public async Task A_valid_dataset_is_trained_deployed_evaluated_reported_and_torn_down_at_its_ttl()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var request = await harness.StartRunAsync(await harness.SampleAsync());

        var serving = await harness.AdvanceToPhaseAsync(request.RunId, RunPhase.Serving);
        var status = serving.ReadCustomStatusAs<RunStatus>()!;
        Assert.NotNull(status.Deployment);
        Assert.Contains(harness.Emulator.State.Deployments, d => d.Name == status.Deployment && d.Serving);
        Assert.True(status.TrainingExamples > status.ValidationExamples && status.ValidationExamples > 0);
        Assert.StartsWith(PipelineHarness.BaseModel + ".ft-", status.FineTunedModel, StringComparison.Ordinal);
        Assert.NotNull(status.Evaluation);
        Assert.Equal(8, status.Evaluation.Pairs);
        Assert.Equal(0, status.Evaluation.Failures);
        Assert.NotNull(status.Evaluation.WinRate);

        var result = await harness.RunToEndAsync(request.RunId);

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.DoesNotContain(harness.Emulator.State.Deployments, d => d.Name == status.Deployment);
        Assert.All(harness.Emulator.State.Files.Where(f => f.Purpose == "fine-tune"), f => Assert.True(f.Deleted));
        Assert.Equal(1, harness.Emulator.State.JobsCreated);
        var report = result.Status.ReportUri!.LocalPath;
        Assert.True(File.Exists(report));
        var html = await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken);
        Assert.Contains("data:image/png;base64,", html, StringComparison.Ordinal);
        Assert.Contains(status.FineTunedModel!, html, StringComparison.Ordinal);
        Assert.Equal(
            [RunPhase.Preparing, RunPhase.Uploading, RunPhase.WaitingForFiles, RunPhase.CreatingJob, RunPhase.Training, RunPhase.Deploying,
             RunPhase.WaitingForDeployment, RunPhase.Evaluating, RunPhase.Reporting, RunPhase.Serving, RunPhase.TearingDown, RunPhase.Completed],
            result.Status.Timeline.Select(t => t.Phase));
    }

    [Fact]
    public async Task An_invalid_dataset_stops_before_anything_is_uploaded_and_keeps_its_validation_report()
    {
        await using var harness = await PipelineHarness.StartAsync(withBaseDeployment: false);
        var request = await harness.StartRunAsync(PipelineHarness.TestData("datasets/gsm8k-sft-chat-validation.jsonl"));

        var result = await harness.RunToEndAsync(request.RunId);

        Assert.Equal(RunOutcome.Invalid, result.Outcome);
        Assert.NotEmpty(result.Status.Errors);
        Assert.Equal(0, harness.Emulator.State.FilesUploaded);
        Assert.Equal(0, harness.Emulator.State.JobsCreated);
        Assert.True(File.Exists(result.Status.ValidationReportUri!.LocalPath));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(result.Status.ValidationReportUri.LocalPath)!, "train.jsonl")));
    }

    [Fact]
    public async Task A_job_that_fails_midway_fails_the_run_with_the_services_error_and_deploys_nothing()
    {
        await using var harness = await PipelineHarness.StartAsync(withBaseDeployment: false);
        var request = await harness.StartRunAsync(await harness.SampleAsync(), new RunOverrides { Suffix = "emulator-fail" });

        var result = await harness.RunToEndAsync(request.RunId);

        Assert.Equal(RunOutcome.Failed, result.Outcome);
        Assert.Contains(result.Status.Errors, e => e.Code == "internal_error");
        Assert.Equal("failed", result.Status.JobStatus);
        Assert.Empty(harness.Emulator.State.Deployments);
    }

    [Fact]
    public async Task Cancelling_a_training_run_cancels_its_fine_tuning_job()
    {
        await using var harness = await PipelineHarness.StartAsync(
            emulator: o => o.Durations.JobRunning = TimeSpan.FromHours(5), withBaseDeployment: false);
        var request = await harness.StartRunAsync(await harness.SampleAsync());
        await harness.AdvanceUntilAsync(
            request.RunId, _ => harness.Pipeline.Host.GetStatus(harness.MonitorId(request.RunId))?.ReadCustomStatusAs<MonitorStatus>()?.JobStatus == "running");
        var view = await harness.Pipeline.Runs.GetAsync(request.RunId, TestContext.Current.CancellationToken);
        Assert.Equal("running", view?.Job?.JobStatus);

        var answer = await harness.Pipeline.Runs.CancelAsync(request.RunId, new CancelRequest("wrong data", "tester"), TestContext.Current.CancellationToken);
        var result = await harness.RunToEndAsync(request.RunId);

        Assert.Equal(Workflow.Api.RunCommandResult.Accepted, answer);
        Assert.Equal(RunOutcome.Cancelled, result.Outcome);
        Assert.Equal("cancelled", Assert.Single(harness.Emulator.State.Jobs).Status);
        Assert.Empty(harness.Emulator.State.Deployments);
    }

    [Fact]
    public async Task A_run_over_budget_waits_for_approval_and_continues_once_approved()
    {
        await using var harness = await PipelineHarness.StartAsync(pipeline: o => o.BudgetLimitUsd = 0m, withBaseDeployment: false);
        var request = await harness.StartRunAsync(await harness.SampleAsync());
        await harness.AdvanceToPhaseAsync(request.RunId, RunPhase.AwaitingApproval);
        Assert.Equal(0, harness.Emulator.State.FilesUploaded);

        var answer = await harness.Pipeline.Runs.ApproveAsync(request.RunId, new ApprovalDecision(true, "lead", "fine"), TestContext.Current.CancellationToken);
        await harness.AdvanceToPhaseAsync(request.RunId, RunPhase.Training);

        Assert.Equal(Workflow.Api.RunCommandResult.Accepted, answer);
        Assert.Equal(1, harness.Emulator.State.JobsCreated);
    }

    [Fact]
    public async Task A_run_over_budget_nobody_approves_is_rejected_after_the_timeout_without_paying()
    {
        await using var harness = await PipelineHarness.StartAsync(
            pipeline: o => { o.BudgetLimitUsd = 0m; o.ApprovalTimeoutHours = 3; }, withBaseDeployment: false);
        var request = await harness.StartRunAsync(await harness.SampleAsync());

        var result = await harness.RunToEndAsync(request.RunId);

        Assert.Equal(RunOutcome.Rejected, result.Outcome);
        Assert.Contains(result.Status.Errors, e => e.Code == "approval_timeout");
        Assert.Equal(0, harness.Emulator.State.FilesUploaded);
    }

    [Fact]
    public async Task A_deployment_that_fails_is_deleted_and_fails_the_run()
    {
        await using var harness = await PipelineHarness.StartAsync(withBaseDeployment: false);
        var request = await harness.StartRunAsync(await harness.SampleAsync("emulator-fail.jsonl"));

        var result = await harness.RunToEndAsync(request.RunId);

        Assert.Equal(RunOutcome.Failed, result.Outcome);
        Assert.Contains(result.Status.Errors, e => e.Code == "deployment_failed");
        Assert.Empty(harness.Emulator.State.Deployments);
    }

    [Fact]
    public async Task A_storm_of_429s_and_503s_is_ridden_out_and_creates_exactly_one_job()
    {
        await using var harness = await PipelineHarness.StartAsync(
            emulator: o =>
            {
                o.Faults.Add(new FaultRule { Fault = "429;retry-after=1", PathContains = "/fine_tuning/jobs", Count = 3 });
                o.Faults.Add(new FaultRule { Fault = "503", PathContains = "/files", Count = 2 });
                o.Faults.Add(new FaultRule { Fault = "429;retry-after=1", PathContains = "/deployments/", Count = 2 });
            },
            withBaseDeployment: false);
        var request = await harness.StartRunAsync(await harness.SampleAsync());

        var result = await harness.RunToEndAsync(request.RunId);

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.Equal(1, harness.Emulator.State.JobsCreated);
        Assert.True(harness.Emulator.State.FaultsInjected >= 7);
    }

    [Theory]
    [InlineData(6, 1)]
    [InlineData(72, 10)]
    public async Task A_long_queue_is_monitored_with_a_bounded_history(int queuedHours, int minimumGenerations)
    {
        await using var harness = await PipelineHarness.StartAsync(
            emulator: o => o.Durations.JobQueued = TimeSpan.FromHours(queuedHours), withBaseDeployment: false);
        var request = await harness.StartRunAsync(await harness.SampleAsync());

        var result = await harness.RunToEndAsync(request.RunId, TimeSpan.FromDays(5));

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        var run = harness.Pipeline.Host.GetStatus(request.RunId)!;
        var monitor = harness.Pipeline.Host.GetStatus(harness.MonitorId(request.RunId))!;
        var polls = monitor.ReadCustomStatusAs<MonitorStatus>()!.TotalPolls;
        Assert.True(monitor.Generation >= minimumGenerations, $"only {monitor.Generation} generations");
        Assert.True(monitor.HistoryLength < 200, $"history of {monitor.HistoryLength} events");
        Assert.True(polls < (queuedHours + 1) * 6, $"{polls} polls for a {queuedHours} h queue");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"queue {queuedHours} h: run history {run.HistoryLength} events; monitor {monitor.Generation} generations, " +
            $"{monitor.TotalHistoryEvents} events in all, {monitor.HistoryLength} in the last; {polls} polls " +
            $"({polls / (queuedHours + 0.6):0.0} per hour)");
    }
}
