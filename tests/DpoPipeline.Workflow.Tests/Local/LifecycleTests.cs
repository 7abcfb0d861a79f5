using DpoPipeline.Workflow.Local;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Xunit;

namespace DpoPipeline.Workflow.Tests.Local;

public sealed class LifecycleTests
{
    private sealed record Progress(string Phase, int Percent);

    private static RunnerHarness WaiterRunner() => new(r => r
        .AddOrchestrator<string, string>("Waiter", async (context, _) =>
        {
            context.SetCustomStatus(new Progress("waiting", 10));
            return await context.WaitForExternalEvent<string>("Go");
        }));

    [Fact]
    public async Task WaitingInstance_ShowsRunningWithItsCustomStatus()
    {
        await using var runner = WaiterRunner();
        var id = await runner.StartAsync("Waiter", "w-1");

        var status = runner.Status(id);

        Assert.Equal(OrchestrationRuntimeStatus.Running, status.RuntimeStatus);
        Assert.Equal(new Progress("waiting", 10), status.ReadCustomStatusAs<Progress>());
        Assert.Contains("\"phase\":\"waiting\"", status.SerializedCustomStatus, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Terminate_WaitingInstance_EndsTerminatedWithTheOutputAndIgnoresLaterEvents()
    {
        await using var runner = WaiterRunner();
        var id = await runner.StartAsync("Waiter", "w-2");

        await runner.Host.TerminateAsync(id, "stopped by test", RunnerHarness.Token);
        var status = await runner.CompletionAsync(id);
        await runner.Host.RaiseEventAsync(id, "Go", "too late", RunnerHarness.Token);
        await runner.IdleAsync();

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, status.RuntimeStatus);
        Assert.Equal("stopped by test", status.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, runner.Status(id).RuntimeStatus);
    }

    [Fact]
    public async Task Start_SameIdWhileRunning_IsRefused_AndAfterItEndedStartsAfresh()
    {
        await using var runner = WaiterRunner();
        var id = await runner.StartAsync("Waiter", "w-3");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.Host.StartAsync("Waiter", id, null, RunnerHarness.Token));
        await runner.Host.RaiseEventAsync(id, "Go", "first", RunnerHarness.Token);
        await runner.CompletionAsync(id);
        await runner.StartAsync("Waiter", id);

        Assert.Contains("already exists", refused.Message, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Running, runner.Status(id).RuntimeStatus);
    }

    [Fact]
    public async Task Start_UnknownOrchestrator_IsRefusedWithItsName()
    {
        await using var runner = WaiterRunner();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => runner.Host.StartAsync("Nope", "x", null, RunnerHarness.Token));

        Assert.Contains("'Nope'", error.Message, StringComparison.Ordinal);
        Assert.Null(runner.Host.GetStatus("x"));
    }

    [Fact]
    public async Task CustomStatus_LargerThanDurableAllows_FailsTheInstanceWithAClearMessage()
    {
        await using var runner = new RunnerHarness(r => r
            .AddOrchestrator<string, string>("Verbose", (context, _) =>
            {
                context.SetCustomStatus(new string('x', 20_000));
                return Task.FromResult("unreachable");
            }));

        var status = await runner.CompletionAsync(await runner.StartAsync("Verbose", "v-1"));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Contains("custom status", status.Failure!.ErrorMessage, StringComparison.Ordinal);
    }
}
