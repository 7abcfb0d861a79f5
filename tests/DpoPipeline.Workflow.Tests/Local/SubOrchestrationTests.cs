using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Xunit;

namespace DpoPipeline.Workflow.Tests.Local;

public sealed class SubOrchestrationTests
{
    [Fact]
    public async Task SubOrchestration_WithInstanceId_RunsAsItsOwnInstanceAndReturnsItsOutput()
    {
        await using var runner = new RunnerHarness(r => r
            .AddActivity<int, int>("Square", (n, _) => Task.FromResult(n * n))
            .AddOrchestrator<int, int>("Child", async (context, n) =>
            {
                await context.CreateTimer(TimeSpan.FromMinutes(1), CancellationToken.None);
                return await context.CallActivityAsync<int>("Square", n);
            })
            .AddOrchestrator<int, string>("Parent", async (context, n) =>
            {
                var squared = await context.CallSubOrchestratorAsync<int>(
                    "Child", n, new SubOrchestrationOptions { InstanceId = context.InstanceId + ":child" });
                return $"{n}^2={squared}";
            }));

        var id = await runner.StartAsync("Parent", "parent-1", 7);
        var childWhileWaiting = runner.Status("parent-1:child");
        await runner.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.Equal("7^2=49", (await runner.CompletionAsync(id)).ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Running, childWhileWaiting.RuntimeStatus);
        Assert.Equal("parent-1", childWhileWaiting.ParentInstanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, runner.Status("parent-1:child").RuntimeStatus);
    }

    [Fact]
    public async Task SubOrchestrationFails_ParentSeesTaskFailedExceptionWithTheChildsError()
    {
        await using var runner = new RunnerHarness(r => r
            .AddOrchestrator<string, string>("BadChild", (_, _) => throw new InvalidDataException("dataset is empty"))
            .AddOrchestrator<string, string>("Parent", async (context, _) =>
            {
                try
                {
                    return await context.CallSubOrchestratorAsync<string>("BadChild");
                }
                catch (TaskFailedException e)
                {
                    return e.FailureDetails.ErrorMessage;
                }
            }));

        var status = await runner.CompletionAsync(await runner.StartAsync("Parent", "parent-2"));

        Assert.Equal("dataset is empty", status.ReadOutputAs<string>());
    }

    [Fact]
    public async Task FanOut_ChildrenAndActivitiesInParallel_ParentGathersEveryResultInOrder()
    {
        await using var runner = new RunnerHarness(r => r
            .AddActivity<int, int>("Double", async (n, ct) =>
            {
                await Task.Yield();
                return n * 2;
            })
            .AddOrchestrator<int, int>("Part", async (context, n) =>
            {
                var parts = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => context.CallActivityAsync<int>("Double", (n * 10) + i)));
                return parts.Sum();
            })
            .AddOrchestrator<int, int[]>("Whole", (context, count) =>
                Task.WhenAll(Enumerable.Range(0, count).Select(n => context.CallSubOrchestratorAsync<int>("Part", n)))));

        var status = await runner.CompletionAsync(await runner.StartAsync("Whole", "whole-1", 12));

        Assert.Equal(Enumerable.Range(0, 12).Select(n => Enumerable.Range(0, 5).Sum(i => ((n * 10) + i) * 2)), status.ReadOutputAs<int[]>()!);
        Assert.Equal(13, runner.Host.GetInstances().Count);
    }
}
