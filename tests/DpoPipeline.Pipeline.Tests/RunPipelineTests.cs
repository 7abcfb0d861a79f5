using DpoPipeline.Emulator.Faults;
using DpoPipeline.Workflow.Orchestrations;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Pipeline.Tests;

public sealed class RunPipelineTests
{
    [Fact(Timeout = 180_000)]
    public async Task A_valid_dataset_is_trained_deployed_evaluated_reported_and_torn_down_at_its_ttl()
    {
        // Six hours of serving (11 s at the harness's clock): long enough for a busy machine to see the run serving.
        await using var harness = await PipelineHarness.StartAsync(pipeline: o => o.DeploymentTtlHours = 6);
        var request = await harness.StartRunAsync(await harness.SampleAsync());

        var serving = await harness.WaitForPhaseAsync(request.RunId, RunPhase.Serving);
        var status = serving.Status!;
        Assert.NotNull(status.Deployment);
        Assert.Contains(harness.Emulator.State.Deployments, d => d.Name == status.Deployment && d.Serving);
        Assert.True(status.TrainingExamples > status.ValidationExamples && status.ValidationExamples > 0);
        Assert.StartsWith(PipelineHarness.BaseModel + ".ft-", status.FineTunedModel, StringComparison.Ordinal);
        Assert.NotNull(status.Evaluation);
        Assert.Equal(8, status.Evaluation.Pairs);
        Assert.Equal(0, status.Evaluation.Failures);
        Assert.NotNull(status.Evaluation.WinRate);
        Assert.Equal(Core.Evaluation.EvaluationMethod.Judge, status.Evaluation.Method);
        Assert.NotNull(status.Evaluation.JudgeAgreement);
        Assert.True(status.Evaluation.Emulated);
        Assert.StartsWith("emulator (127.0.0.1)", status.Evaluation.Service, StringComparison.Ordinal);
        Assert.NotNull(status.Evaluation.Seed);
        Assert.Contains(status.Evaluation.Caveats, c => c.StartsWith("Emulated", StringComparison.Ordinal));

        var result = await harness.RunToEndAsync(request.RunId);

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.DoesNotContain(harness.Emulator.State.Deployments, d => d.Name == status.Deployment);
        Assert.All(harness.Emulator.State.Files.Where(f => f.Purpose == "fine-tune"), f => Assert.True(f.Deleted));
        Assert.Equal(1, harness.Emulator.State.JobsCreated);
        var report = result.Status.ReportUri!.LocalPath;
        Assert.True(File.Exists(report));
        var html = await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken);
        Assert.Contains("data:image/png;base64,", html, StringComparison.Ordinal);
        Assert.Contains("<strong>EMULATED</strong>", html, StringComparison.Ordinal);
        Assert.Contains("Provenance: answers from emulator (127.0.0.1); headline by LLM judge", html, StringComparison.Ordinal);
        Assert.Contains("Judge reliability", html, StringComparison.Ordinal);
        Assert.Contains(status.FineTunedModel!, html, StringComparison.Ordinal);
        var markdown = await File.ReadAllTextAsync(Path.ChangeExtension(report, ".md"), TestContext.Current.CancellationToken);
        Assert.Contains("| Outcome | Completed |", markdown, StringComparison.Ordinal);
        Assert.Equal(
            [RunPhase.Preparing, RunPhase.Uploading, RunPhase.WaitingForFiles, RunPhase.CreatingJob, RunPhase.Training, RunPhase.Deploying,
             RunPhase.WaitingForDeployment, RunPhase.Evaluating, RunPhase.Reporting, RunPhase.Serving, RunPhase.TearingDown, RunPhase.Completed],
            result.Status.Timeline.Select(t => t.Phase));
    }

    [Fact(Timeout = 180_000)]
    public async Task Without_a_configured_base_deployment_a_run_deploys_the_base_model_for_its_evaluation_and_deletes_it_right_after()
    {
        await using var harness = await PipelineHarness.StartAsync(withBaseDeployment: false, pipeline: o => o.DeploymentTtlHours = 6);
        var request = await harness.StartRunAsync(await harness.SampleAsync());
        var baseName = RunPipeline.EvaluationBaseDeploymentName(request.RunId);

        var serving = await harness.WaitForPhaseAsync(request.RunId, RunPhase.Serving);

        var evaluation = serving.Status!.Evaluation!;
        Assert.Equal(8, evaluation.Pairs);
        Assert.NotNull(evaluation.WinRate);
        Assert.Equal(baseName, evaluation.BaseDeployment);
        Assert.Equal(2, harness.Emulator.State.DeploymentsCreated);
        Assert.DoesNotContain(harness.Emulator.State.Deployments, d => d.Name == baseName);
        Assert.Contains(harness.Emulator.State.Deployments, d => d.Name == serving.Status.Deployment);

        var result = await harness.RunToEndAsync(request.RunId);

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.Empty(harness.PaidLeftovers());
        Assert.Empty(result.Status.Warnings);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_base_deployment_the_service_refuses_leaves_the_run_completed_unevaluated_with_a_warning()
    {
        await using var harness = await PipelineHarness.StartAsync(
            withBaseDeployment: false,
            emulator: o => o.Faults.Add(new FaultRule { Fault = "400", Method = "PUT", PathContains = "/deployments/dpo-base-" }));
        var request = await harness.StartRunAsync(await harness.SampleAsync());

        var result = await harness.RunToEndAsync(request.RunId);

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        var warning = Assert.Single(result.Status.Warnings);
        Assert.Contains("create deployment dpo-base-", warning.Message, StringComparison.Ordinal);
        Assert.Null(result.Status.Evaluation!.WinRate);
        Assert.Equal($"Not evaluated: {warning.Message}", result.Status.Evaluation.Note);
        Assert.Equal(1, harness.Emulator.State.DeploymentsCreated);
        Assert.Empty(harness.PaidLeftovers());
    }

    [Theory(Timeout = 180_000)]
    [InlineData(null, 10)]
    [InlineData(0.0, 0)]
    public async Task A_small_valid_dataset_trains_holding_out_ten_pairs_or_none_when_asked(double? validationFraction, int heldOut)
    {
        await using var harness = await PipelineHarness.StartAsync(withBaseDeployment: false);
        var small = Path.Combine(harness.DatasetsFolder, "small.jsonl");
        await File.WriteAllLinesAsync(small, File.ReadLines(await harness.SampleAsync()).Take(30), TestContext.Current.CancellationToken);
        var request = await harness.StartRunAsync(small, new RunOverrides { ValidationFraction = validationFraction });

        var result = await harness.RunToEndAsync(request.RunId);

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.Equal(heldOut, result.Status.ValidationExamples);
        Assert.Equal(30 - heldOut, result.Status.TrainingExamples);
        Assert.Equal(heldOut == 0 ? 1 : 2, harness.Emulator.State.FilesUploaded);
        Assert.Empty(harness.PaidLeftovers());
    }

    [Fact(Timeout = 180_000)]
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

    [Fact(Timeout = 180_000)]
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

    [Fact(Timeout = 180_000)]
    public async Task Cancelling_a_training_run_cancels_its_fine_tuning_job()
    {
        await using var harness = await PipelineHarness.StartAsync(
            emulator: o => o.Durations.JobRunning = TimeSpan.FromHours(5), withBaseDeployment: false);
        var request = await harness.StartRunAsync(await harness.SampleAsync());
        var view = await harness.WaitUntilAsync(request.RunId, v => v.Job?.JobStatus == "running");
        Assert.Equal(RunPhase.Training, view.Status?.Phase);

        var answer = await harness.Pipeline.Runs.CancelAsync(request.RunId, new CancelRequest("wrong data", "tester"), TestContext.Current.CancellationToken);
        var result = await harness.RunToEndAsync(request.RunId);

        Assert.Equal(Workflow.Api.RunCommandResult.Accepted, answer);
        Assert.Equal(RunOutcome.Cancelled, result.Outcome);
        Assert.Equal("cancelled", Assert.Single(harness.Emulator.State.Jobs).Status);
        Assert.Empty(harness.Emulator.State.Deployments);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_run_over_budget_waits_for_approval_and_continues_once_approved()
    {
        await using var harness = await PipelineHarness.StartAsync(pipeline: o => o.BudgetLimitUsd = 0m, withBaseDeployment: false);
        var request = await harness.StartRunAsync(await harness.SampleAsync());
        await harness.WaitForPhaseAsync(request.RunId, RunPhase.AwaitingApproval);
        Assert.Equal(0, harness.Emulator.State.FilesUploaded);

        var answer = await harness.Pipeline.Runs.ApproveAsync(request.RunId, new ApprovalDecision(true, "lead", "worth it"), TestContext.Current.CancellationToken);
        var training = await harness.WaitForPhaseAsync(request.RunId, RunPhase.Training);

        Assert.Equal(Workflow.Api.RunCommandResult.Accepted, answer);
        Assert.Equal(1, harness.Emulator.State.JobsCreated);
        var approval = training.Status!.Approval!;
        Assert.True(approval.Approved);
        Assert.Equal("lead", approval.DecidedBy);
        Assert.Equal("worth it", approval.Comment);
        Assert.Equal(0m, training.Status.BudgetLimitUsd);
    }

    [Fact(Timeout = 180_000)]
    public async Task Hosting_for_the_ttl_counts_toward_the_budget()
    {
        await using var harness = await PipelineHarness.StartAsync(withBaseDeployment: false);
        var request = await harness.StartRunAsync(await harness.SampleAsync(), new RunOverrides { DeploymentSku = "standard", DeploymentTtlHours = 24 });

        var gate = await harness.WaitForPhaseAsync(request.RunId, RunPhase.AwaitingApproval);

        // 24 hours at 1.70 USD is over the 25 USD ceiling, whatever the training costs.
        Assert.Equal(40.80m, gate.Status!.EstimatedHostingUsd);
        Assert.True(gate.Status.EstimatedCostUsd > 40.80m);
        Assert.Equal(0, harness.Emulator.State.FilesUploaded);
    }

    [Fact(Timeout = 180_000)]
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

    [Fact(Timeout = 180_000)]
    public async Task A_deployment_that_fails_is_deleted_and_fails_the_run()
    {
        await using var harness = await PipelineHarness.StartAsync(withBaseDeployment: false);
        var request = await harness.StartRunAsync(await harness.SampleAsync("emulator-fail.jsonl"));

        var result = await harness.RunToEndAsync(request.RunId);

        Assert.Equal(RunOutcome.Failed, result.Outcome);
        Assert.Contains(result.Status.Errors, e => e.Code == "deployment_failed");
        Assert.Empty(harness.Emulator.State.Deployments);
    }

    [Fact(Timeout = 180_000)]
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

    [Theory(Timeout = 240_000)]
    [InlineData(6, 20000)]
    [InlineData(72, 100000)]
    public async Task A_long_queue_is_monitored_with_backoff_and_a_history_cut_every_few_polls(int queuedHours, double timeScale)
    {
        await using var harness = await PipelineHarness.StartAsync(
            emulator: o => o.Durations.JobQueued = TimeSpan.FromHours(queuedHours), withBaseDeployment: false, timeScale: timeScale);
        var request = await harness.StartRunAsync(await harness.SampleAsync());

        var result = await harness.RunToEndAsync(request.RunId, TimeSpan.FromMinutes(3));

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        var monitor = (await harness.MonitorStatusAsync(request.RunId))!;
        // Each generation polls at most PollsPerGeneration times before ContinueAsNew starts a short history afresh.
        Assert.Equal((monitor.TotalPolls - 1) / MonitorFineTuningJob.PollsPerGeneration, monitor.Generation);
        // Backoff up to 15 minutes: far fewer polls than one a minute; engine latency only lengthens the real intervals.
        Assert.True(monitor.TotalPolls < (queuedHours + 1) * 6, $"{monitor.TotalPolls} polls for a {queuedHours} h queue");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"queue {queuedHours} h at ×{timeScale}: {monitor.TotalPolls} polls in {monitor.Generation + 1} generations " +
            $"({monitor.TotalPolls / (queuedHours + 0.6):0.0} per hour of service time)");
    }
}
