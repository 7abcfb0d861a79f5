using DpoPipeline.Core.FineTuning;
using DpoPipeline.Workflow.Orchestrations;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Pipeline.Tests;

/// <summary>
/// SFT then DPO in one run, and DPO on any fine-tuned model, on the real engine against the emulator: two jobs, the
/// second created from the first's model; cancel and release cover both; the estimate covers both; the evaluation
/// compares base, SFT and SFT+DPO.
/// </summary>
public sealed class SftFirstRunTests
{
    [Fact(Timeout = 180_000)]
    public async Task An_sft_first_run_trains_sft_then_dpo_from_its_model_and_compares_base_sft_and_sft_dpo()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var request = await harness.StartRunAsync(await harness.SampleAsync(), new RunOverrides { SftFirst = true });

        var result = await harness.RunToEndAsync(request.RunId, TimeSpan.FromSeconds(150));

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        var status = result.Status;
        var jobs = harness.Emulator.State.Jobs;
        Assert.Equal(2, jobs.Count);
        var sft = Assert.Single(jobs, j => j.Metadata?.GetValueOrDefault(RunJobTag.StageKey) == RunJobTag.SftStage);
        var dpo = Assert.Single(jobs, j => j != sft);
        Assert.Equal(("succeeded", "succeeded"), (sft.Status, dpo.Status));
        Assert.Equal(PipelineHarness.BaseModel, sft.Model);
        Assert.Equal(sft.FineTunedModel, dpo.Model);
        Assert.Equal((sft.Id, sft.FineTunedModel, dpo.Id, dpo.FineTunedModel), (status.SftJobId, status.SftModel, status.JobId, status.FineTunedModel));
        Assert.Equal(request.RunId, sft.Metadata![RunJobTag.MetadataKey]);
        Assert.Equal(status.TrainingExamples, status.SftTrainingExamples);
        Assert.Equal(status.ValidationExamples, status.SftValidationExamples);

        // Three-way: the same held-out prompts for each pair of models; the SFT model was deployed only for it.
        Assert.Equal(8, status.Evaluation!.Pairs);
        Assert.Equal(8, status.SftEvaluation!.Pairs);
        Assert.Equal(8, status.DpoOverSftEvaluation!.Pairs);
        Assert.NotNull(status.DpoOverSftEvaluation.WinRate);
        Assert.StartsWith("evaluation-dpo-vs-sft.json", Path.GetFileName(status.DpoOverSftEvaluation.ResultUri!.LocalPath), StringComparison.Ordinal);
        Assert.Matches("^(Yes|No|Not shown)", status.SftVerdict);
        Assert.Equal(2, harness.Emulator.State.DeploymentsCreated - 2); // judge and base deployments were made by the harness
        Assert.DoesNotContain(harness.Emulator.State.Deployments, d => d.Name == SftStage.EvaluationDeploymentName(request.RunId));

        Assert.Equal(4, harness.Emulator.State.FilesUploaded);
        Assert.Empty(harness.PaidLeftovers());
        var markdown = await File.ReadAllTextAsync(Path.ChangeExtension(status.ReportUri!.LocalPath, ".md"), TestContext.Current.CancellationToken);
        Assert.Contains("## Base, SFT and SFT+DPO", markdown, StringComparison.Ordinal);
        Assert.Contains("Did DPO add anything over SFT?", markdown, StringComparison.Ordinal);
        Assert.Contains($"| SFT job (stage 1) | {sft.Id} |", markdown, StringComparison.Ordinal);
    }

    [Fact(Timeout = 180_000)]
    public async Task Cancelling_during_the_sft_stage_cancels_the_sft_job_deletes_its_files_and_creates_no_dpo_job()
    {
        await using var harness = await PipelineHarness.StartAsync(emulator: o => o.Durations.JobRunning = TimeSpan.FromHours(5), withBaseDeployment: false);
        var request = await harness.StartRunAsync(await harness.SampleAsync(), new RunOverrides { SftFirst = true });
        var training = await harness.WaitUntilAsync(request.RunId, v => v.Status is { Phase: RunPhase.Training, SftJobId: not null });
        await harness.WaitUntilAsync(request.RunId, _ => harness.Emulator.State.Jobs.Any(j => j.Status == "running"));

        await harness.Pipeline.Runs.CancelAsync(request.RunId, new CancelRequest("wrong data", "tester"), TestContext.Current.CancellationToken);
        var result = await harness.RunToEndAsync(request.RunId);

        Assert.Equal(RunOutcome.Cancelled, result.Outcome);
        var job = Assert.Single(harness.Emulator.State.Jobs);
        Assert.Equal((training.Status!.SftJobId, "cancelled"), (job.Id, job.Status));
        Assert.Null(result.Status.JobId);
        Assert.Contains(job.Id, result.Status.CleanedUp!.CancelledJobs);
        Assert.Empty(harness.PaidLeftovers());
    }

    [Fact(Timeout = 180_000)]
    public async Task Pausing_a_run_during_the_sft_stage_pauses_the_sft_job()
    {
        await using var harness = await PipelineHarness.StartAsync(emulator: o => o.Durations.JobRunning = TimeSpan.FromHours(5), withBaseDeployment: false);
        var request = await harness.StartRunAsync(await harness.SampleAsync(), new RunOverrides { SftFirst = true });
        await harness.WaitUntilAsync(request.RunId, _ => harness.Emulator.State.Jobs.Any(j => j.Status == "running" && j.StepsDone > 0));

        var answer = await harness.Pipeline.Runs.ControlJobAsync(
            request.RunId, new JobControlRequest(JobControlAction.Pause, "tester"), TestContext.Current.CancellationToken);
        await harness.WaitUntilAsync(request.RunId, _ => harness.Emulator.State.Jobs.Single().Status is "pausing" or "paused");

        Assert.Equal(Workflow.Api.RunCommandResult.Accepted, answer);
        Assert.Equal(RunJobTag.SftStage, harness.Emulator.State.Jobs.Single().Metadata![RunJobTag.StageKey]);
        await harness.Pipeline.Runs.CancelAsync(request.RunId, new CancelRequest("done", "tester"), TestContext.Current.CancellationToken);
        Assert.Equal(RunOutcome.Cancelled, (await harness.RunToEndAsync(request.RunId)).Outcome);
        Assert.Empty(harness.PaidLeftovers());
    }

    [Fact(Timeout = 180_000)]
    public async Task The_estimate_of_an_sft_first_run_covers_both_stages()
    {
        await using var harness = await PipelineHarness.StartAsync(pipeline: o => o.BudgetLimitUsd = 0m, withBaseDeployment: false);
        var plain = await harness.StartRunAsync(await harness.SampleAsync("plain.jsonl"));
        var both = await harness.StartRunAsync(await harness.SampleAsync("both.jsonl"), new RunOverrides { SftFirst = true });

        var plainGate = (await harness.WaitForPhaseAsync(plain.RunId, RunPhase.AwaitingApproval)).Status!;
        var bothGate = (await harness.WaitForPhaseAsync(both.RunId, RunPhase.AwaitingApproval)).Status!;

        // SFT trains on prompt + preferred reply: fewer tokens than a pair, more than nothing.
        Assert.InRange(bothGate.EstimatedTrainingTokens!.Value, plainGate.EstimatedTrainingTokens!.Value * 1.3, plainGate.EstimatedTrainingTokens.Value * 2.0);
        Assert.True(bothGate.EstimatedCostUsd > plainGate.EstimatedCostUsd);
        Assert.Equal(0, harness.Emulator.State.FilesUploaded);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_run_named_as_base_model_continues_that_runs_model_and_names_it_in_the_report()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var first = await harness.StartRunAsync(await harness.SampleAsync("first.jsonl"));
        var firstModel = (await harness.RunToEndAsync(first.RunId)).Status.FineTunedModel!;

        var second = await harness.StartRunAsync(await harness.SampleAsync("second.jsonl"), new RunOverrides { BaseModel = first.RunId });
        var result = await harness.RunToEndAsync(second.RunId);

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.Equal((firstModel, PipelineHarness.BaseModel, first.RunId), (result.Status.ResolvedBaseModel, result.Status.BaseModelFamily, result.Status.BaseModelFromRun));
        var job = harness.Emulator.State.Jobs.Single(j => j.Id == result.Status.JobId);
        Assert.Equal(firstModel, job.Model);
        Assert.StartsWith(PipelineHarness.BaseModel + ".ft-", result.Status.FineTunedModel, StringComparison.Ordinal);
        var markdown = await File.ReadAllTextAsync(Path.ChangeExtension(result.Status.ReportUri!.LocalPath, ".md"), TestContext.Current.CancellationToken);
        Assert.Contains($"| Base model | {firstModel} (fine-tuned, family {PipelineHarness.BaseModel}, the model of run {first.RunId}; continuous fine-tuning) |", markdown, StringComparison.Ordinal);
        Assert.Empty(harness.PaidLeftovers());
    }

    [Theory(Timeout = 180_000)]
    [InlineData("gpt-4o-2024-11-20", BaseModelException.NotFineTunable)]
    [InlineData("gpt-4.1-mini-2025-04-14.ft-0123456789abcdef0123456789abcdef", BaseModelException.NotFound)]
    [InlineData("dpo-never-ran-0123456789abcdef", BaseModelException.NotFound)]
    public async Task A_base_model_the_service_cannot_fine_tune_fails_the_run_before_anything_is_uploaded(string baseModel, string code)
    {
        await using var harness = await PipelineHarness.StartAsync(withBaseDeployment: false);
        var request = await harness.StartRunAsync(await harness.SampleAsync(), new RunOverrides { BaseModel = baseModel, SftFirst = true });

        var result = await harness.RunToEndAsync(request.RunId);

        Assert.Equal(RunOutcome.Failed, result.Outcome);
        Assert.Contains(result.Status.Errors, e => e.Code == code);
        Assert.Equal((0, 0), (harness.Emulator.State.FilesUploaded, harness.Emulator.State.JobsCreated));
    }

    [Fact(Timeout = 180_000)]
    public async Task An_sft_data_file_trains_the_sft_stage_instead_of_pairs_derived_from_the_dataset()
    {
        await using var harness = await PipelineHarness.StartAsync(withBaseDeployment: false);
        var demonstrations = Path.Combine(harness.DatasetsFolder, "demonstrations.jsonl");
        Directory.CreateDirectory(harness.DatasetsFolder);
        await File.WriteAllLinesAsync(
            demonstrations,
            Enumerable.Range(0, 40).Select(i => $$"""{"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Question {{i}}?"},{"role":"assistant","content":"Answer {{i}}."}]}"""),
            TestContext.Current.CancellationToken);
        var request = await harness.StartRunAsync(await harness.SampleAsync(), new RunOverrides { SftData = "demonstrations.jsonl" });

        var view = await harness.WaitUntilAsync(request.RunId, v => v.Status is { JobId: not null });

        var status = view.Status!;
        Assert.Equal(40, status.SftTrainingExamples + status.SftValidationExamples);
        Assert.Equal(10, status.SftValidationExamples);
        Assert.NotEqual(status.TrainingExamples, status.SftTrainingExamples);
        var sftJob = harness.Emulator.State.Jobs.Single(j => j.Id == status.SftJobId);
        Assert.Equal(sftJob.FineTunedModel, harness.Emulator.State.Jobs.Single(j => j.Id == status.JobId).Model);
    }

    [Fact(Timeout = 180_000)]
    public async Task An_invalid_sft_data_file_stops_the_run_as_invalid_before_anything_is_uploaded()
    {
        await using var harness = await PipelineHarness.StartAsync(withBaseDeployment: false);
        Directory.CreateDirectory(harness.DatasetsFolder);
        await File.WriteAllLinesAsync(
            Path.Combine(harness.DatasetsFolder, "demonstrations.jsonl"),
            Enumerable.Range(0, 30).Select(i => i == 4
                ? """{"messages":[{"role":"user","content":"No answer here"}]}"""
                : $$"""{"messages":[{"role":"user","content":"Question {{i}}?"},{"role":"assistant","content":"Answer {{i}}."}]}"""),
            TestContext.Current.CancellationToken);
        var request = await harness.StartRunAsync(await harness.SampleAsync(), new RunOverrides { SftData = "demonstrations.jsonl", ValidationFraction = 0 });

        var result = await harness.RunToEndAsync(request.RunId);

        Assert.Equal(RunOutcome.Invalid, result.Outcome);
        var error = Assert.Single(result.Status.Errors);
        Assert.Equal("sft_not_ending_in_assistant", error.Code);
        Assert.Equal("sft-train.jsonl line 5 $.messages[0]", error.Source);
        Assert.Equal(0, harness.Emulator.State.FilesUploaded);
    }
}
