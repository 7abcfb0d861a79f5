using System.Net.Http.Json;
using System.Text.Json;
using DpoPipeline.Core.Sweeps;
using DpoPipeline.Workflow.Orchestrations;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Pipeline.Tests;

/// <summary>
/// Sweeps on the real engine against the emulator, whose DPO models answer by their job's beta (the configured ground
/// truth), so the test knows which variant must win.
/// </summary>
public sealed class SweepRunTests
{
    private static readonly Dictionary<string, double[]> ThreeBetas = new() { ["beta"] = [0.05, 0.1, 0.2] };

    [Fact(Timeout = 240_000)]
    public async Task A_three_variant_sweep_deploys_only_the_configured_best_beta_and_deletes_every_measurement_deployment()
    {
        await using var harness = await PipelineHarness.StartAsync(
            emulator: o =>
            {
                o.Models.DpoByBeta["0.05"] = 0.2;
                o.Models.DpoByBeta["0.1"] = 1.0;
                o.Models.DpoByBeta["0.2"] = 0.35;
                o.Models.Judge.Accuracy = 1;
            },
            pipeline: o =>
            {
                o.DeploymentTtlHours = 6;
                o.EvaluationSampleSize = 12;
            });
        var request = await harness.StartRunAsync(await harness.SampleAsync(), new RunOverrides { Sweep = ThreeBetas });

        var serving = await harness.WaitForPhaseAsync(request.RunId, RunPhase.Serving, TimeSpan.FromSeconds(180));

        var status = serving.Status!;
        Assert.Equal([1, 2, 3], status.Variants.Select(v => v.Index));
        Assert.All(status.Variants, v => Assert.Equal(VariantState.Succeeded, v.State));
        var winner = Assert.Single(status.Variants, v => v.Winner);
        Assert.Equal(0.1, winner.Hyperparameters.Beta);
        Assert.StartsWith("v2 (beta=0.1) won: the highest win rate", status.SweepDecision, StringComparison.Ordinal);
        Assert.Equal(winner.FineTunedModel, status.FineTunedModel);
        Assert.Equal(winner.JobId, status.JobId);
        Assert.Equal(winner.WinRate, status.Evaluation!.WinRate);
        Assert.All(status.Variants, v =>
        {
            Assert.Equal(12, v.EvaluationPairs);
            Assert.NotNull(v.WinRate);
            Assert.InRange(v.WinRate!.Value, v.WinRateLow!.Value, v.WinRateHigh!.Value + 1e-9);
            Assert.NotNull(v.FinalTrainLoss);
            Assert.NotNull(v.FinalValidationLoss);
            Assert.True(v.TrainedTokens > 0);
            Assert.True(v.EstimatedCostUsd > 0);
            Assert.True(v.Emulated);
            Assert.Equal(RunSweepVariant.MeasurementDeploymentName(request.RunId, v.Index), v.MeasurementDeployment);
        });
        Assert.True(status.Variants.Where(v => !v.Winner).All(v => v.WinRate < winner.WinRate));

        // Only the winner is deployed; every measurement deployment is gone.
        var owned = harness.Emulator.State.Deployments.Where(d => d.Tags.GetValueOrDefault("owner") == harness.Pipeline.Options.Owner).ToList();
        var deployed = Assert.Single(owned);
        Assert.Equal((status.Deployment, winner.FineTunedModel), (deployed.Name, deployed.ModelName));

        // Exactly three jobs, one per beta, each tagged with the sweep's run and its own variant.
        var jobs = await JobsAsync(harness);
        Assert.Equal(3, jobs.Count);
        Assert.Equal([0.05, 0.1, 0.2], jobs.Select(j => j.Beta).Order());
        Assert.All(jobs, j => Assert.Equal(request.RunId, j.SweepRunId));
        Assert.Equal(
            [.. Enumerable.Range(1, 3).Select(i => SweepVariantIds.For(request.RunId, i))],
            jobs.Select(j => j.RunId).Order(StringComparer.Ordinal));

        // The estimate the budget gate saw covers the three trainings (same tokens and epochs each), not one.
        Assert.True(status.EstimatedTrainingTokens > 0);
        Assert.Equal(0, status.EstimatedTrainingTokens % 3);

        var result = await harness.RunToEndAsync(request.RunId);

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.Empty(harness.PaidLeftovers());

        // The report: one table of the variants, the overlaid loss curves, and why the winner won.
        var report = result.Status.ReportUri!.LocalPath;
        var markdown = await File.ReadAllTextAsync(Path.ChangeExtension(report, ".md"), TestContext.Current.CancellationToken);
        Assert.Contains("## Sweep", markdown, StringComparison.Ordinal);
        Assert.Contains("Winner: v2 (beta=0.1) won", markdown, StringComparison.Ordinal);
        Assert.Contains("| v2 (winner) | beta=0.1 | Succeeded |", markdown, StringComparison.Ordinal);
        Assert.Contains("EMULATED emulator (127.0.0.1); judge ", markdown, StringComparison.Ordinal);
        var png = await File.ReadAllBytesAsync(Path.Combine(Path.GetDirectoryName(report)!, "charts", "sweep-loss-curves.png"), TestContext.Current.CancellationToken);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Contains("<h2>Sweep</h2>", await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken), StringComparison.Ordinal);

        // Run lists show the sweep, never its variants or their monitors.
        var listed = await harness.Pipeline.Runs.ListAsync(new Workflow.Api.RunListQuery(), TestContext.Current.CancellationToken);
        Assert.Equal([request.RunId], listed.Runs.Select(r => r.RunId));
        Assert.Null(await harness.Pipeline.Runs.GetAsync(SweepVariantIds.For(request.RunId, 1), TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = 240_000)]
    public async Task Cancelling_a_sweep_mid_way_cancels_the_training_variant_frees_the_queued_ones_and_leaves_no_job_file_or_deployment()
    {
        // Long jobs: the cancel reaches the sweep while its variants train or wait in the service's queue.
        await using var harness = await PipelineHarness.StartAsync(emulator: o => o.Durations.JobRunning = TimeSpan.FromHours(20));
        var request = await harness.StartRunAsync(await harness.SampleAsync(), new RunOverrides { Sweep = ThreeBetas });

        // One job slot (Pipeline__MaxRunningJobs=1): the first variant trains, the other two wait in the quota line.
        var midway = await harness.WaitUntilAsync(
            request.RunId,
            v => v.Status?.Variants.Count(x => x.State == VariantState.Queued) == 2 && harness.Emulator.State.Jobs.Any(j => j.Status == "running"),
            TimeSpan.FromSeconds(120));
        Assert.All(midway.Status!.Variants.Where(v => v.State == VariantState.Queued), v => Assert.Equal(Core.Quotas.QuotaKind.FineTuningJob, v.Queue!.Resource));
        Assert.Equal(
            Workflow.Api.RunCommandResult.Accepted,
            await harness.Pipeline.Runs.CancelAsync(request.RunId, new CancelRequest("enough", "tester"), TestContext.Current.CancellationToken));

        var result = await harness.RunToEndAsync(request.RunId, TimeSpan.FromSeconds(120));

        Assert.Equal(RunOutcome.Cancelled, result.Outcome);
        Assert.Empty(harness.PaidLeftovers());
        var job = Assert.Single(harness.Emulator.State.Jobs);
        Assert.Equal("cancelled", job.Status);
        Assert.All(result.Status.Variants, v => Assert.Equal(VariantState.Cancelled, v.State));
        Assert.Equal([job.Id], result.Status.CleanedUp!.CancelledJobs.Distinct());
        Assert.Null(result.Status.Deployment);
    }

    [Fact(Timeout = 180_000)]
    public async Task Pausing_and_resuming_a_sweep_reaches_every_variant_job_that_trains()
    {
        await using var harness = await PipelineHarness.StartAsync(
            emulator: o => (o.Quotas.MaxRunningJobs, o.Durations.JobRunning) = (2, TimeSpan.FromHours(20)), pipeline: o => o.MaxRunningJobs = 2);
        var ct = TestContext.Current.CancellationToken;
        var request = await harness.StartRunAsync(await harness.SampleAsync(), new RunOverrides { Sweep = new() { ["beta"] = [0.05, 0.1] } });
        await harness.WaitUntilAsync(request.RunId, _ => JobStatuses(harness).Count(s => s == "running") == 2);

        await harness.WaitUntilAsync(request.RunId, v => v.Status!.Variants.All(x => x.JobId is not null));
        var monitors = Enumerable.Range(1, 2).Select(i => RunEvents.MonitorInstanceId(SweepVariantIds.For(request.RunId, i))).ToList();
        while ((await harness.InstancesAsync()).Count(i => monitors.Contains(i.InstanceId)) < 2)
        {
            await Task.Delay(50, ct);
        }

        Assert.Equal(Workflow.Api.RunCommandResult.Accepted, await harness.Pipeline.Runs.ControlJobAsync(request.RunId, new JobControlRequest(JobControlAction.Pause, "test"), ct));
        await harness.WaitUntilAsync(request.RunId, _ => JobStatuses(harness).Count(s => s == "paused") == 2);
        Assert.Equal(Workflow.Api.RunCommandResult.Accepted, await harness.Pipeline.Runs.ControlJobAsync(request.RunId, new JobControlRequest(JobControlAction.Resume, "test"), ct));
        await harness.WaitUntilAsync(request.RunId, _ => JobStatuses(harness).Count(s => s == "running") == 2);

        await harness.Pipeline.Runs.CancelAsync(request.RunId, new CancelRequest("done", "test"), ct);
        Assert.Equal(RunOutcome.Cancelled, (await harness.RunToEndAsync(request.RunId)).Outcome);
        Assert.Empty(harness.PaidLeftovers());
    }

    private static List<string> JobStatuses(PipelineHarness harness) => [.. harness.Emulator.State.Jobs.Select(j => j.Status)];

    [Fact(Timeout = 240_000)]
    public async Task Variants_trained_at_once_take_turns_for_one_deployment_slot_and_all_get_measured()
    {
        // Three jobs may train together, but only one fine-tuned deployment may exist: the measurement deployments and
        // the winner's queue for it in the quota line instead of failing.
        await using var harness = await PipelineHarness.StartAsync(
            emulator: o => (o.Quotas.MaxRunningJobs, o.Quotas.MaxFineTunedDeployments) = (3, 1),
            pipeline: o => (o.MaxRunningJobs, o.MaxFineTunedDeployments) = (3, 1));
        var request = await harness.StartRunAsync(await harness.SampleAsync(), new RunOverrides { Sweep = ThreeBetas });

        var result = await harness.RunToEndAsync(request.RunId, TimeSpan.FromSeconds(180));

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.All(result.Status.Variants, v => Assert.NotNull(v.WinRate));
        Assert.Single(result.Status.Variants, v => v.Winner);
        Assert.DoesNotContain(result.Status.Warnings, w => w.Message.Contains("quota", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(harness.PaidLeftovers());
    }

    [Fact(Timeout = 240_000)]
    public async Task Without_a_configured_base_deployment_a_sweep_deploys_the_base_model_once_for_all_variants_and_deletes_it()
    {
        await using var harness = await PipelineHarness.StartAsync(withBaseDeployment: false, emulator: o => (o.Models.DpoByBeta["0.2"], o.Models.DpoByBeta["0.05"]) = (1.0, 0.0));
        var request = await harness.StartRunAsync(await harness.SampleAsync(), new RunOverrides { Sweep = new() { ["beta"] = [0.05, 0.2] } });

        var result = await harness.RunToEndAsync(request.RunId, TimeSpan.FromSeconds(180));

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        var baseName = RunPipeline.EvaluationBaseDeploymentName(request.RunId);
        Assert.All(result.Status.Variants, v => Assert.NotNull(v.WinRate));
        Assert.Equal(baseName, result.Status.Evaluation!.BaseDeployment);
        Assert.Equal(0.2, Assert.Single(result.Status.Variants, v => v.Winner).Hyperparameters.Beta);

        // One base, two measurement deployments and the winner's: four, of which none is left.
        Assert.Equal(4, harness.Emulator.State.DeploymentsCreated);
        Assert.Empty(harness.PaidLeftovers());
        Assert.Empty(result.Status.Warnings);
    }

    [Theory(Timeout = 240_000)]
    [InlineData(1, RunOutcome.Completed)]
    [InlineData(3, RunOutcome.Failed)]
    public async Task A_failing_variant_fails_the_sweep_only_when_every_variant_fails(int refusedCreates, RunOutcome outcome)
    {
        // The service refuses the first job creations for good: those variants fail, the others train.
        await using var harness = await PipelineHarness.StartAsync(emulator: o => o.Faults.Add(
            new Emulator.Faults.FaultRule { Fault = "400", Method = "POST", PathEndsWith = "/fine_tuning/jobs", Count = refusedCreates }));
        var request = await harness.StartRunAsync(await harness.SampleAsync(), new RunOverrides { Sweep = ThreeBetas });

        var result = await harness.RunToEndAsync(request.RunId, TimeSpan.FromSeconds(180));

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(refusedCreates, result.Status.Variants.Count(v => v.State == VariantState.Failed));
        Assert.All(result.Status.Variants.Where(v => v.State == VariantState.Failed), v => Assert.NotNull(v.Error));
        Assert.Equal(3 - refusedCreates, harness.Emulator.State.JobsCreated);
        Assert.Empty(harness.PaidLeftovers());
        if (outcome == RunOutcome.Completed)
        {
            Assert.Single(result.Status.Variants, v => v.Winner);
            Assert.Equal(RunPhase.Completed, result.Status.Phase);
        }
        else
        {
            Assert.StartsWith("Every variant of the sweep failed", result.Status.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(result.Status.Variants, v => v.Winner);
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task A_sweep_whose_trainings_together_exceed_the_budget_waits_for_approval_though_one_would_fit()
    {
        await using var harness = await PipelineHarness.StartAsync(withBaseDeployment: false);
        var dataset = await harness.SampleAsync();

        // One run's estimate, read at its gate (a budget of 0 stops it there).
        var single = await harness.StartRunAsync(dataset, new RunOverrides { BudgetLimitUsd = 0m });
        var one = (await harness.WaitForPhaseAsync(single.RunId, RunPhase.AwaitingApproval)).Status!.EstimatedCostUsd!.Value;
        await harness.Pipeline.Runs.CancelAsync(single.RunId, new CancelRequest("measured", "tester"), TestContext.Current.CancellationToken);

        // Twice that fits one training, not three.
        var sweep = await harness.StartRunAsync(dataset, new RunOverrides { Sweep = ThreeBetas, BudgetLimitUsd = 2 * one });
        var gate = await harness.WaitForPhaseAsync(sweep.RunId, RunPhase.AwaitingApproval);

        // Developer tier hosts for free: the measurement deployments and the winner's TTL add nothing here.
        Assert.True(one > 0);
        Assert.Equal(3 * one, gate.Status!.EstimatedCostUsd);
        Assert.Equal(0m, gate.Status.EstimatedHostingUsd);
        Assert.Equal(0, harness.Emulator.State.FilesUploaded);
        await harness.Pipeline.Runs.CancelAsync(sweep.RunId, new CancelRequest("too dear", "tester"), TestContext.Current.CancellationToken);
        Assert.Equal(RunOutcome.Cancelled, (await harness.RunToEndAsync(sweep.RunId)).Outcome);
        Assert.Equal(0, harness.Emulator.State.JobsCreated);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_sweep_over_the_limit_or_with_an_unknown_parameter_is_refused_before_anything_starts()
    {
        await using var harness = await PipelineHarness.StartAsync(withBaseDeployment: false, pipeline: o => o.MaxSweepVariants = 2);
        var dataset = await harness.SampleAsync();

        var tooMany = Assert.Throws<RunOptionsException>(() => harness.Pipeline.CreateRequest(dataset, new RunOverrides { Sweep = ThreeBetas }, Guid.NewGuid()));
        var unknown = Assert.Throws<RunOptionsException>(
            () => harness.Pipeline.CreateRequest(dataset, RunOverrides.Parse("""{ "sweep": { "temperature": [0.1] } }""", "sidecar"), Guid.NewGuid()));

        Assert.Equal(
            "sweep: 3 variants (3 beta) exceed the limit of 2 (Pipeline__MaxSweepVariants); drop some values or raise the setting.",
            Assert.Single(tooMany.Problems));
        Assert.StartsWith("sweep: unknown parameter 'temperature'", Assert.Single(unknown.Problems), StringComparison.Ordinal);
        Assert.Equal(0, harness.Emulator.State.JobsCreated);
    }

    private sealed record EmulatedJob(string Id, double? Beta, string? RunId, string? SweepRunId);

    private static async Task<List<EmulatedJob>> JobsAsync(PipelineHarness harness)
    {
        using var http = new HttpClient { BaseAddress = harness.Emulator.OpenAIBaseUri };
        http.DefaultRequestHeaders.Add("Authorization", "Bearer test");
        var page = await http.GetFromJsonAsync<JsonElement>("fine_tuning/jobs?limit=100", TestContext.Current.CancellationToken);
        return
        [
            .. page.GetProperty("data").EnumerateArray().Select(j => new EmulatedJob(
                j.GetProperty("id").GetString()!,
                j.GetProperty("method").GetProperty("dpo").GetProperty("hyperparameters").GetProperty("beta").GetDouble(),
                j.TryGetProperty("metadata", out var m) && m.TryGetProperty("dpo_run_id", out var r) ? r.GetString() : null,
                m.ValueKind == JsonValueKind.Object && m.TryGetProperty("dpo_sweep_run_id", out var s) ? s.GetString() : null)),
        ];
    }
}
