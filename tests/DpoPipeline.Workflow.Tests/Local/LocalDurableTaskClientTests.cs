using DpoPipeline.Workflow.Local;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Xunit;

namespace DpoPipeline.Workflow.Tests.Local;

public sealed class LocalDurableTaskClientTests
{
    private static RunnerHarness EchoRunner() => new(r => r
        .AddOrchestrator<string, string>("Echo", async (context, input) =>
        {
            context.SetCustomStatus(new { step = "waiting", input });
            var suffix = await context.WaitForExternalEvent<string>("Suffix");
            return input + suffix;
        }));

    [Fact]
    public async Task ScheduleRaiseAndWait_ThroughTheClient_ReadsOutputAndCustomStatus()
    {
        await using var runner = EchoRunner();
        DurableTaskClient client = runner.Client;

        var id = await client.ScheduleNewOrchestrationInstanceAsync("Echo", "run", new StartOrchestrationOptions("echo-1"), RunnerHarness.Token);
        var started = await client.WaitForInstanceStartAsync(id, getInputsAndOutputs: true, RunnerHarness.Token);
        await client.RaiseEventAsync(id, "Suffix", "-done", RunnerHarness.Token);
        var completed = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, RunnerHarness.Token);

        Assert.Equal("echo-1", id);
        Assert.Equal(OrchestrationRuntimeStatus.Running, started.RuntimeStatus);
        Assert.Equal("waiting", started.ReadCustomStatusAs<System.Text.Json.JsonElement>().GetProperty("step").GetString());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.RuntimeStatus);
        Assert.Equal("run-done", completed.ReadOutputAs<string>());
        Assert.Equal("run", completed.ReadInputAs<string>());
    }

    [Fact]
    public async Task GetInstance_WithoutInputsAndOutputs_LeavesThemOut_AndUnknownIdIsNull()
    {
        await using var runner = EchoRunner();
        var id = await runner.StartAsync("Echo", "echo-2", "x");

        var metadata = await runner.Client.GetInstanceAsync(id, RunnerHarness.Token);

        Assert.NotNull(metadata);
        Assert.Equal("Echo", metadata.Name);
        Assert.Null(metadata.SerializedCustomStatus);
        Assert.True(metadata.IsRunning);
        Assert.Null(await runner.Client.GetInstanceAsync("missing", getInputsAndOutputs: true, RunnerHarness.Token));
    }

    [Fact]
    public async Task GetAllInstances_PagesThroughTheFilteredInstances()
    {
        await using var runner = EchoRunner();
        foreach (var n in Enumerable.Range(1, 5))
        {
            await runner.StartAsync("Echo", $"run-{n}", "x");
        }

        await runner.StartAsync("Echo", "other-1", "x");
        await runner.Client.RaiseEventAsync("run-5", "Suffix", "!", RunnerHarness.Token);
        await runner.IdleAsync();

        var query = new OrchestrationQuery(InstanceIdPrefix: "run-", PageSize: 2, Statuses: [OrchestrationRuntimeStatus.Running]);
        var pages = new List<int>();
        await foreach (var page in runner.Client.GetAllInstancesAsync(query).AsPages())
        {
            pages.Add(page.Values.Count);
        }

        var ids = new List<string>();
        await foreach (var instance in runner.Client.GetAllInstancesAsync(query))
        {
            ids.Add(instance.InstanceId);
        }

        Assert.Equal([2, 2], pages);
        Assert.Equal(["run-1", "run-2", "run-3", "run-4"], ids);
    }

    [Fact]
    public async Task TerminateAndPurge_ThroughTheClient_OnlyEndedInstancesArePurged()
    {
        await using var runner = EchoRunner();
        await runner.StartAsync("Echo", "keep", "x");
        await runner.StartAsync("Echo", "stop", "x");

        await runner.Client.TerminateInstanceAsync("stop", "cancelled", RunnerHarness.Token);
        var terminated = await runner.Client.WaitForInstanceCompletionAsync("stop", getInputsAndOutputs: true, RunnerHarness.Token);
        var runningPurge = await runner.Client.PurgeInstanceAsync("keep", RunnerHarness.Token);
        var allPurge = await runner.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(Statuses: [OrchestrationRuntimeStatus.Terminated]), RunnerHarness.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated.RuntimeStatus);
        Assert.Equal("cancelled", terminated.ReadOutputAs<string>());
        Assert.Equal(0, runningPurge.PurgedInstanceCount);
        Assert.Equal(1, allPurge.PurgedInstanceCount);
        Assert.Null(await runner.Client.GetInstanceAsync("stop", RunnerHarness.Token));
        Assert.NotNull(await runner.Client.GetInstanceAsync("keep", RunnerHarness.Token));
    }

    [Fact]
    public async Task Schedule_ExistingRunningId_IsRefused()
    {
        await using var runner = EchoRunner();
        await runner.StartAsync("Echo", "dup", "x");

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            runner.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "y", new StartOrchestrationOptions("dup"), RunnerHarness.Token));
    }
}
