using System.Collections.Concurrent;
using DpoPipeline.Core.Deployments;
using DpoPipeline.Core.FineTuning;
using DpoPipeline.Core.Quotas;
using DpoPipeline.Emulator.Faults;
using DpoPipeline.Local.Engine;
using DpoPipeline.Workflow.Activities;
using DpoPipeline.Workflow.Api;
using DpoPipeline.Workflow.Cleanup;
using DpoPipeline.Workflow.Quotas;
using DpoPipeline.Workflow.Runs;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DpoPipeline.Pipeline.Tests;

/// <summary>
/// Runs that meet the resource's limits wait their turn in one durable line instead of failing, on the real engine
/// against the emulator's quotas; the line is first come, first served, and a cancelled run gives up its place.
/// </summary>
public sealed class QuotaQueueTests(AzuriteFixture azurite)
{
    private static readonly string[] EndedJobStatuses = ["succeeded", "failed", "cancelled"];

    [Fact(Timeout = 300_000)]
    public async Task Ten_runs_at_once_all_complete_in_arrival_order_never_using_more_than_the_limits()
    {
        await using var harness = await PipelineHarness.StartAsync(
            emulator: o =>
            {
                o.Quotas.MaxRunningJobs = 1;
                o.Quotas.MaxFineTunedDeployments = 2;
            },
            pipeline: o =>
            {
                o.MaxRunningJobs = 1;
                o.MaxFineTunedDeployments = 2;
                o.DeploymentTtlHours = 0.5;
            },
            timeScale: 10_000);
        var samples = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            samples.Add(await harness.SampleAsync($"pairs-{i}.jsonl"));
        }

        var runs = await Task.WhenAll(samples.Select(path => harness.StartRunAsync(path)));
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var usage = SampleUsageAsync(harness, sampling.Token);

        var results = await Task.WhenAll(runs.Select(r => harness.RunToEndAsync(r.RunId, TimeSpan.FromMinutes(4))));
        await sampling.CancelAsync();
        var (maxJobs, maxDeployments, tickets) = await usage;

        Assert.All(results, r => Assert.Equal(RunOutcome.Completed, r.Outcome));
        Assert.All(results, r => Assert.DoesNotContain(r.Status.Warnings.Concat(r.Status.Errors), e => e.Code.Contains("quota", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(1, maxJobs);
        Assert.InRange(maxDeployments, 1, 2);
        Assert.Contains(results, r => r.Status.Timeline.Any(p => p.Phase == RunPhase.Queued));

        // Jobs were created in the order the runs joined the line.
        var jobOrder = harness.Emulator.State.Jobs.Select(j => j.Metadata![RunJobTag.MetadataKey]).ToList();
        Assert.Equal(10, jobOrder.Count);
        Assert.Equal(jobOrder.OrderBy(run => tickets[run]), jobOrder);
        Assert.Empty(harness.PaidLeftovers());
        Assert.Empty((await harness.Pipeline.Runs.GetQuotaAsync(TestContext.Current.CancellationToken))!.Ledger.Holders);
    }

    [Fact(Timeout = 180_000)]
    public async Task Cancelling_a_queued_run_frees_its_place_for_the_run_behind_it()
    {
        await using var harness = await PipelineHarness.StartAsync(pipeline: o => o.MaxRunningJobs = 1);
        var ct = TestContext.Current.CancellationToken;
        var first = await harness.StartRunAsync(await harness.SampleAsync("first.jsonl"));
        // The first run holds the only job slot for as long as the test needs: its job is paused while it trains.
        await harness.WaitUntilAsync(first.RunId, _ => JobStatusOf(harness, first.RunId) == "running");
        Assert.Equal(RunCommandResult.Accepted, await harness.Pipeline.Runs.ControlJobAsync(first.RunId, new JobControlRequest(JobControlAction.Pause, "test"), ct));
        await harness.WaitUntilAsync(first.RunId, _ => JobStatusOf(harness, first.RunId) == "paused");
        var second = await harness.StartRunAsync(await harness.SampleAsync("second.jsonl"));
        await harness.WaitUntilAsync(second.RunId, v => v.Status?.Queue?.Position == 1);
        var third = await harness.StartRunAsync(await harness.SampleAsync("third.jsonl"));

        var queued = await harness.WaitUntilAsync(third.RunId, v => v.Status?.Queue?.Position == 2);
        Assert.Equal(RunPhase.Queued, queued.Status!.Phase);
        Assert.Equal((QuotaKind.FineTuningJob, "jobs: 1/1 running"), (queued.Status.Queue!.Resource, queued.Status.Queue.Reason));
        Assert.Contains("number 2 in line (jobs: 1/1 running)", queued.Status.Message, StringComparison.Ordinal);

        await harness.Pipeline.Runs.CancelAsync(second.RunId, new CancelRequest("not needed", "test"), ct);
        await harness.WaitUntilAsync(third.RunId, v => v.Status?.Queue?.Position == 1);
        var cancelled = await harness.RunToEndAsync(second.RunId);
        Assert.Equal(RunCommandResult.Accepted, await harness.Pipeline.Runs.ControlJobAsync(first.RunId, new JobControlRequest(JobControlAction.Resume, "test"), ct));

        Assert.Equal(RunOutcome.Cancelled, cancelled.Outcome);
        Assert.Null(cancelled.Status.JobId);
        Assert.Equal(RunOutcome.Completed, (await harness.RunToEndAsync(first.RunId)).Outcome);
        Assert.Equal(RunOutcome.Completed, (await harness.RunToEndAsync(third.RunId)).Outcome);
        Assert.Equal(2, harness.Emulator.State.Jobs.Count);
        Assert.Empty(harness.PaidLeftovers());
    }

    [Fact(Timeout = 180_000)]
    public async Task A_quota_answer_from_the_service_puts_the_run_back_in_line_instead_of_failing_it()
    {
        // The service answers 429 to job creation three times (the client's own two retries included), as when jobs
        // outside the pipeline fill the resource's queue.
        await using var harness = await PipelineHarness.StartAsync(
            emulator: o => o.Faults.Add(new FaultRule { Fault = "429;retry-after=0", Method = "POST", PathEndsWith = "/fine_tuning/jobs", Count = 3 }));
        var request = await harness.StartRunAsync(await harness.SampleAsync());

        var result = await harness.RunToEndAsync(request.RunId);

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        var phases = result.Status.Timeline.Select(p => p.Phase).ToList();
        Assert.True(phases.IndexOf(RunPhase.Queued) > phases.IndexOf(RunPhase.CreatingJob), string.Join(", ", phases));
        Assert.Single(harness.Emulator.State.Jobs);
        Assert.Empty(harness.PaidLeftovers());
    }

    [Fact(Timeout = 180_000)]
    public async Task A_deployment_the_service_refuses_for_quota_waits_until_a_deployment_of_the_pipeline_goes()
    {
        // The pipeline thinks five deployments fit; the resource allows one, so the second run's deployment is refused.
        await using var harness = await PipelineHarness.StartAsync(emulator: o => o.Quotas.MaxFineTunedDeployments = 1, pipeline: o => o.DeploymentTtlHours = 48);
        var ct = TestContext.Current.CancellationToken;
        var first = await harness.StartRunAsync(await harness.SampleAsync("first.jsonl"));
        await harness.WaitForPhaseAsync(first.RunId, RunPhase.Serving);
        var second = await harness.StartRunAsync(await harness.SampleAsync("second.jsonl"));

        var queued = await harness.WaitUntilAsync(second.RunId, v => v.Status?.Queue?.Resource == QuotaKind.FineTunedDeployment);
        Assert.Contains("refused by the service", queued.Status!.Queue!.Reason, StringComparison.Ordinal);
        Assert.Equal(RunCommandResult.Accepted, await harness.Pipeline.Runs.DeleteDeploymentAsync(first.RunId, new DeleteDeploymentRequest("test"), ct));
        await harness.WaitForPhaseAsync(second.RunId, RunPhase.Serving);
        Assert.Equal(RunCommandResult.Accepted, await harness.Pipeline.Runs.DeleteDeploymentAsync(second.RunId, new DeleteDeploymentRequest("test"), ct));

        var results = await Task.WhenAll(harness.RunToEndAsync(first.RunId), harness.RunToEndAsync(second.RunId));
        Assert.All(results, r => Assert.Equal(RunOutcome.Completed, r.Outcome));
        var phases = results[1].Status.Timeline.Select(p => p.Phase).ToList();
        Assert.True(phases.IndexOf(RunPhase.Queued) > phases.IndexOf(RunPhase.Deploying), string.Join(", ", phases));
        Assert.Empty(harness.PaidLeftovers());
    }

    [Fact(Timeout = 180_000)]
    public async Task The_cleanup_sweep_frees_the_slot_of_a_run_that_was_terminated_instead_of_ending()
    {
        await using var harness = await PipelineHarness.StartAsync(withBaseDeployment: false);
        var ct = TestContext.Current.CancellationToken;
        var terminated = await harness.StartRunAsync(await harness.SampleAsync("terminated.jsonl"));
        await harness.WaitUntilAsync(terminated.RunId, _ => JobStatusOf(harness, terminated.RunId) == "running");
        await harness.Pipeline.Runs.ControlJobAsync(terminated.RunId, new JobControlRequest(JobControlAction.Pause, "test"), ct);
        await harness.WaitUntilAsync(terminated.RunId, _ => JobStatusOf(harness, terminated.RunId) == "paused");
        var waiting = await harness.StartRunAsync(await harness.SampleAsync("waiting.jsonl"));
        await harness.WaitUntilAsync(waiting.RunId, v => v.Status?.Queue?.Position == 1);

        // Terminated by an operator: the run never reaches its own release, of its job or of its slot.
        await harness.Client.TerminateInstanceAsync(terminated.RunId, cancellation: ct);
        await harness.Client.TerminateInstanceAsync(RunEvents.MonitorInstanceId(terminated.RunId), cancellation: ct);
        await harness.Client.WaitForInstanceCompletionAsync(terminated.RunId, ct);
        var sweeper = new FinishedRunSweeper(
            harness.Pipeline.Runs, harness.Pipeline.Services.GetRequiredService<FineTuningServiceClient>(),
            harness.Pipeline.Services.GetRequiredService<DeploymentServiceClient>(), harness.Pipeline.Services.GetRequiredService<ReleaseRunResources>(),
            Options.Create(harness.Pipeline.Options), NullLogger<FinishedRunSweeper>.Instance);
        await sweeper.SweepAsync(ct);

        Assert.Equal(RunOutcome.Completed, (await harness.RunToEndAsync(waiting.RunId)).Outcome);
        Assert.Equal("cancelled", JobStatusOf(harness, terminated.RunId));
        Assert.Empty(harness.PaidLeftovers());
    }

    // On the provider Durable Functions uses in Azure. The in-memory test host drops events that arrive while an
    // orchestration continues as new, so there a line of more than a generation's messages can lose a release.
    [Fact(Timeout = 180_000)]
    public async Task The_line_keeps_every_place_and_its_order_when_the_coordinator_starts_a_new_generation()
    {
        await using var harness = await PipelineHarness.StartAsync(
            withBaseDeployment: false, backend: new AzureStorageBackend(azurite.Server.ConnectionString, "q" + Guid.NewGuid().ToString("N")[..20]));
        var ct = TestContext.Current.CancellationToken;
        await harness.Pipeline.Runs.EnsureQuotaCoordinatorAsync(ct);

        // 70 requests and 69 releases: more messages than one generation handles, sent faster than it handles them.
        const int Holders = 70;
        for (var i = 0; i < Holders; i++)
        {
            await harness.Client.RaiseEventAsync(
                QuotaEvents.CoordinatorInstanceId, QuotaEvents.Message, new QuotaMessage(QuotaMessageType.Request, $"holder-{i:00}", $"r{i}", QuotaKind.FineTuningJob), ct);
        }

        for (var i = 0; i < Holders - 1; i++)
        {
            await harness.Client.RaiseEventAsync(QuotaEvents.CoordinatorInstanceId, QuotaEvents.Message, new QuotaMessage(QuotaMessageType.Release, $"holder-{i:00}"), ct);
        }

        var line = await WaitForLineAsync(harness, l => l.NextTicket == Holders + 1 && l.Holders.Count == 1 && l.Waiters.Count == 0);
        Assert.Equal(("holder-69", 70L), (line.Holders[0].Holder, line.Holders[0].Ticket));
    }

    private static async Task<QuotaLedger> WaitForLineAsync(PipelineHarness harness, Func<QuotaLedger, bool> done)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        QuotaLedger? last = null;
        try
        {
            while (true)
            {
                last = (await harness.Pipeline.Runs.GetQuotaAsync(timeout.Token))?.Ledger;
                if (last is not null && done(last))
                {
                    return last;
                }

                await Task.Delay(50, timeout.Token);
            }
        }
        catch (Exception e) when (timeout.IsCancellationRequested && e is OperationCanceledException or Grpc.Core.RpcException)
        {
            throw new Xunit.Sdk.XunitException($"The line never reached the awaited state; last: next ticket {last?.NextTicket}, holders {string.Join(", ", last?.Holders.Select(c => c.Holder) ?? [])}, {last?.Waiters.Count} waiting.");
        }
    }

    private static string? JobStatusOf(PipelineHarness harness, string runId) =>
        harness.Emulator.State.Jobs.FirstOrDefault(j => j.Metadata?.GetValueOrDefault(RunJobTag.MetadataKey) == runId)?.Status;

    /// <summary>Samples what the pipeline uses in the emulator, and each run's ticket in the line, until cancelled.</summary>
    private static async Task<(int MaxJobs, int MaxDeployments, IReadOnlyDictionary<string, long> Tickets)> SampleUsageAsync(
        PipelineHarness harness, CancellationToken cancellationToken)
    {
        var (maxJobs, maxDeployments) = (0, 0);
        var tickets = new ConcurrentDictionary<string, long>();
        try
        {
            while (true)
            {
                var state = harness.Emulator.State;
                maxJobs = Math.Max(maxJobs, state.Jobs.Count(j => !EndedJobStatuses.Contains(j.Status)));
                maxDeployments = Math.Max(maxDeployments, state.Deployments.Count(d => d.Tags.GetValueOrDefault("owner") == harness.Pipeline.Options.Owner));
                if (await harness.Pipeline.Runs.GetQuotaAsync(cancellationToken) is { } quota)
                {
                    foreach (var claim in quota.Ledger.Holders.Concat(quota.Ledger.Waiters).Where(c => c.Kind == QuotaKind.FineTuningJob))
                    {
                        tickets.TryAdd(claim.Holder, claim.Ticket);
                    }
                }

                await Task.Delay(20, cancellationToken);
            }
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or Grpc.Core.RpcException)
        {
            // The engine's client reports a cancelled call as an RpcException.
            return (maxJobs, maxDeployments, tickets);
        }
    }
}
