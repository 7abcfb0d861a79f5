using DpoPipeline.Workflow.Local;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Xunit;

namespace DpoPipeline.Workflow.Tests.Local;

public sealed class ContinueAsNewTests
{
    private sealed record Poll(int Count, int Target);

    [Fact]
    public async Task EternalPoller_ContinuesAsNewEachRound_HistoryStaysBoundedOverManyGenerations()
    {
        await using var runner = new RunnerHarness(r => r
            .AddActivity<int, int>("Check", (n, _) => Task.FromResult(n + 1))
            .AddOrchestrator<Poll, int>("Poller", async (context, poll) =>
            {
                var count = await context.CallActivityAsync<int>("Check", poll.Count);
                if (count >= poll.Target)
                {
                    return count;
                }

                await context.CreateTimer(TimeSpan.FromMinutes(15), CancellationToken.None);
                context.ContinueAsNew(poll with { Count = count });
                return -1;
            }));
        var id = await runner.StartAsync("Poller", "poller-1", new Poll(0, 40));

        var longest = 0;
        for (var round = 0; round < 40 && !runner.Status(id).IsTerminal; round++)
        {
            longest = Math.Max(longest, runner.Status(id).HistoryLength);
            await runner.AdvanceAsync(TimeSpan.FromMinutes(15));
        }

        var status = await runner.CompletionAsync(id);
        Assert.Equal(40, status.ReadOutputAs<int>());
        Assert.Equal(39, status.Generation);
        Assert.InRange(longest, 1, 12);
        Assert.True(status.TotalHistoryEvents > 39 * 6, $"{status.TotalHistoryEvents} events recorded in all");
    }

    [Fact]
    public async Task ContinueAsNew_EventNotYetAskedFor_IsCarriedIntoTheNextGeneration()
    {
        await using var runner = new RunnerHarness(r => r
            .AddOrchestrator<int, string>("TwoStep", async (context, generation) =>
            {
                if (generation == 0)
                {
                    await context.CreateTimer(TimeSpan.FromMinutes(1), CancellationToken.None);
                    context.ContinueAsNew(1);
                    return "restarting";
                }

                return await context.WaitForExternalEvent<string>("Note");
            }));
        var id = await runner.StartAsync("TwoStep", "two-1", 0);

        await runner.Client.RaiseEventAsync(id, "Note", "kept", RunnerHarness.Token);
        await runner.IdleAsync();
        await runner.AdvanceAsync(TimeSpan.FromMinutes(1));

        var status = await runner.CompletionAsync(id);
        Assert.Equal("kept", status.ReadOutputAs<string>());
        Assert.Equal(1, status.Generation);
        Assert.Equal(LocalHistoryEventKind.ExecutionStarted, runner.Host.GetHistory(id)[1].Kind);
    }
}
