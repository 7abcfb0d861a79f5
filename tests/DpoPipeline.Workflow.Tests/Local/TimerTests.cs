using DpoPipeline.Workflow.Local;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Xunit;

namespace DpoPipeline.Workflow.Tests.Local;

public sealed class TimerTests
{
    [Fact]
    public async Task DurableTimer_FiresOnlyWhenTheClockReachesIt_AndTheOrchestrationClockMovesWithIt()
    {
        await using var runner = new RunnerHarness(r => r
            .AddOrchestrator<int, DateTime>("Sleep", async (context, minutes) =>
            {
                await context.CreateTimer(TimeSpan.FromMinutes(minutes), CancellationToken.None);
                return context.CurrentUtcDateTime;
            }));

        var id = await runner.StartAsync("Sleep", "sleep-1", 60);
        await runner.AdvanceAsync(TimeSpan.FromMinutes(59));
        var before = runner.Status(id).RuntimeStatus;
        await runner.AdvanceAsync(TimeSpan.FromMinutes(1));
        var status = await runner.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Running, before);
        Assert.Equal(RunnerHarness.Start.AddHours(1).UtcDateTime, status.ReadOutputAs<DateTime>());
    }

    [Fact]
    public async Task CancelledTimer_DoesNotWakeTheInstanceOrKeepItWaiting()
    {
        await using var runner = new RunnerHarness(r => r
            .AddOrchestrator<string, string>("Race", async (context, _) =>
            {
                using var stop = new CancellationTokenSource();
                var timer = context.CreateTimer(context.CurrentUtcDateTime.AddDays(3), stop.Token);
                var go = context.WaitForExternalEvent<string>("Go");
                var first = await Task.WhenAny(timer, go);
                stop.Cancel();
                return first == go ? go.Result : "timer";
            }));

        var id = await runner.StartAsync("Race", "race-1");
        await runner.Client.RaiseEventAsync(id, "Go", "event", RunnerHarness.Token);
        var status = await runner.CompletionAsync(id);
        await runner.AdvanceAsync(TimeSpan.FromDays(4));

        Assert.Equal("event", status.ReadOutputAs<string>());
        Assert.DoesNotContain(runner.Host.GetHistory(id), e => e.Kind == LocalHistoryEventKind.TimerFired);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, runner.Status(id).RuntimeStatus);
    }

    [Fact]
    public async Task RunToCompletion_JumpsTheClockFromTimerToTimer_ThreeDaysOfPollingPassAtOnce()
    {
        var polls = 0;
        await using var runner = new RunnerHarness(r => r
            .AddActivity<int, bool>("IsDone", (_, _) => Task.FromResult(Interlocked.Increment(ref polls) >= 3 * 24 * 4))
            .AddOrchestrator<int, DateTime>("Poll", async (context, _) =>
            {
                while (!await context.CallActivityAsync<bool>("IsDone", 0))
                {
                    await context.CreateTimer(TimeSpan.FromMinutes(15), CancellationToken.None);
                }

                return context.CurrentUtcDateTime;
            }));
        var id = await runner.StartAsync("Poll", "poll-1", 0);

        var status = await runner.Host.RunToCompletionAsync(id, runner.Clock.Advance, RunnerHarness.Token);

        Assert.Equal(RunnerHarness.Start.AddDays(3).AddMinutes(-15).UtcDateTime, status.ReadOutputAs<DateTime>());
        Assert.Null(runner.Host.GetNextTimerDue());
    }

    [Fact]
    public async Task RunToCompletion_InstanceWaitsOnlyForAnEvent_SaysSoInsteadOfHanging()
    {
        await using var runner = new RunnerHarness(r => r
            .AddOrchestrator<int, string>("Wait", (context, _) => context.WaitForExternalEvent<string>("Never")));
        var id = await runner.StartAsync("Wait", "wait-1", 0);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.Host.RunToCompletionAsync(id, runner.Clock.Advance, RunnerHarness.Token));

        Assert.Contains("waits for an external event", error.Message, StringComparison.Ordinal);
    }
}
