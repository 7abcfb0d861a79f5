using DpoPipeline.Workflow.Local;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DpoPipeline.Workflow.Tests.Local;

public sealed class ReplayTests
{
    [Fact]
    public async Task Replay_OrchestratorSchedulesADifferentActivity_InstanceFailsAsNondeterministic()
    {
        var variant = "A";
        await using var runner = new RunnerHarness(r => r
            .AddActivity<string, string>("A", (s, _) => Task.FromResult(s))
            .AddActivity<string, string>("B", (s, _) => Task.FromResult(s))
            .AddOrchestrator<string, string>("Fickle", async (context, _) =>
            {
                var first = await context.CallActivityAsync<string>(variant, "x");
                await context.CreateTimer(TimeSpan.FromMinutes(1), CancellationToken.None);
                return first;
            }));
        var id = await runner.StartAsync("Fickle", "fickle-1");

        variant = "B";
        await runner.AdvanceAsync(TimeSpan.FromMinutes(1));

        var status = await runner.CompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, status.Failure!.ErrorType);
        Assert.Contains("step #0 was TaskScheduled 'A'", status.Failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_OrchestratorSkipsARecordedStep_InstanceFailsAsNondeterministic()
    {
        var skipTimer = false;
        await using var runner = new RunnerHarness(r => r
            .AddActivity<string, string>("Echo", (s, _) => Task.FromResult(s))
            .AddOrchestrator<string, string>("Skipper", async (context, _) =>
            {
                if (!skipTimer)
                {
                    await context.CreateTimer(TimeSpan.FromMinutes(1), CancellationToken.None);
                }

                return await context.CallActivityAsync<string>("Echo", "done");
            }));
        var id = await runner.StartAsync("Skipper", "skipper-1");

        skipTimer = true;
        await runner.AdvanceAsync(TimeSpan.FromMinutes(1));

        var status = await runner.CompletionAsync(id);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, status.Failure!.ErrorType);
    }

    [Fact]
    public async Task Replay_EveryEpisodeRunsFromTheStart_IsReplayingIsTrueOnlyForRecordedSteps()
    {
        var seen = new List<string>();
        await using var runner = new RunnerHarness(r => r
            .AddActivity<int, int>("Inc", (n, _) => Task.FromResult(n + 1))
            .AddOrchestrator<int, int>("Steps", async (context, n) =>
            {
                seen.Add($"start:{context.IsReplaying}");
                var one = await context.CallActivityAsync<int>("Inc", n);
                seen.Add($"one:{context.IsReplaying}");
                var two = await context.CallActivityAsync<int>("Inc", one);
                seen.Add($"two:{context.IsReplaying}");
                return two;
            }));

        var status = await runner.CompletionAsync(await runner.StartAsync("Steps", "steps-1", 0));

        Assert.Equal(2, status.ReadOutputAs<int>());
        Assert.Equal(["start:False", "start:True", "one:False", "start:True", "one:True", "two:False"], seen);
    }

    [Fact]
    public async Task ReplaySafeLogger_WritesEachEntryOnceAcrossReplays()
    {
        using var logs = new FakeLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs));
        var registry = new LocalTaskRegistry()
            .AddActivity<int, int>("Inc", (n, _) => Task.FromResult(n + 1))
            .AddOrchestrator<int, int>("Chatty", async (context, n) =>
            {
                var logger = context.CreateReplaySafeLogger("Chatty");
                logger.LogInformation("starting at {N}", n);
                var one = await context.CallActivityAsync<int>("Inc", n);
                logger.LogInformation("got {One}", one);
                return await context.CallActivityAsync<int>("Inc", one);
            });
        await using var host = new LocalOrchestrationHost(registry, new FakeTimeProvider(RunnerHarness.Start), loggerFactory);

        await host.StartAsync("Chatty", "chatty-1", 0, RunnerHarness.Token);
        await host.WaitForCompletionAsync("chatty-1", RunnerHarness.Token);

        Assert.Equal(["starting at 0", "got 1"], logs.Collector.GetSnapshot().Where(r => r.Category == "Chatty").Select(r => r.Message));
    }

    [Fact]
    public async Task NewGuid_IsTheSameOnEveryReplay_AndDistinctWithinAnEpisode()
    {
        var firsts = new List<Guid>();
        await using var runner = new RunnerHarness(r => r
            .AddActivity<string, string>("Echo", (s, _) => Task.FromResult(s))
            .AddOrchestrator<string, bool>("Ids", async (context, _) =>
            {
                var first = context.NewGuid();
                var second = context.NewGuid();
                firsts.Add(first);
                await context.CallActivityAsync<string>("Echo", "x");
                return first != second;
            }));

        var status = await runner.CompletionAsync(await runner.StartAsync("Ids", "ids-1"));

        Assert.True(status.ReadOutputAs<bool>());
        Assert.Equal(2, firsts.Count);
        Assert.Equal(firsts[0], firsts[1]);
    }

    [Fact]
    public async Task Orchestrator_AwaitsANonDurableTask_FailsWithAClearMessageInsteadOfHanging()
    {
        var outside = new TaskCompletionSource<int>();
        await using var runner = new RunnerHarness(r => r
            .AddOrchestrator<string, int>("Impatient", async (context, _) => await outside.Task + 1));
        var id = await runner.StartAsync("Impatient", "impatient-1");

        outside.SetResult(41);

        var status = await runner.CompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Contains("awaited something other than a durable task", status.Failure!.ErrorMessage, StringComparison.Ordinal);
    }
}
