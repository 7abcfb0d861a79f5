using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Xunit;

namespace DpoPipeline.Workflow.Tests.Local;

public sealed class ExternalEventTests
{
    private sealed record Approval(bool Approved, string By);

    private static RunnerHarness ApprovalRunner() => new(r => r
        .AddOrchestrator<string, string>("Gate", async (context, _) =>
        {
            try
            {
                var decision = await context.WaitForExternalEvent<Approval>("Approval", TimeSpan.FromHours(24));
                return decision.Approved ? $"approved by {decision.By}" : "refused";
            }
            catch (TaskCanceledException)
            {
                return "timed out";
            }
        }));

    [Fact]
    public async Task EventWithTimeout_EventArrivesInTime_ReturnsThePayload()
    {
        await using var runner = ApprovalRunner();
        var id = await runner.StartAsync("Gate", "gate-1");

        await runner.AdvanceAsync(TimeSpan.FromHours(23));
        await runner.Client.RaiseEventAsync(id, "approval", new Approval(true, "ana"), RunnerHarness.Token);

        Assert.Equal("approved by ana", (await runner.CompletionAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task EventWithTimeout_NoEventBeforeTheTimer_ThrowsTaskCanceledException()
    {
        await using var runner = ApprovalRunner();
        var id = await runner.StartAsync("Gate", "gate-2");

        await runner.AdvanceAsync(TimeSpan.FromHours(24));
        await runner.Client.RaiseEventAsync(id, "Approval", new Approval(true, "late"), RunnerHarness.Token);

        Assert.Equal("timed out", (await runner.CompletionAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task EventRaisedBeforeTheOrchestratorWaits_IsKeptAndDeliveredInOrder()
    {
        await using var runner = new RunnerHarness(r => r
            .AddOrchestrator<string, string>("Collect", async (context, _) =>
            {
                await context.CreateTimer(TimeSpan.FromMinutes(5), CancellationToken.None);
                var first = await context.WaitForExternalEvent<int>("Number");
                var second = await context.WaitForExternalEvent<int>("Number");
                return $"{first},{second}";
            }));
        var id = await runner.StartAsync("Collect", "collect-1");

        await runner.Client.RaiseEventAsync(id, "Number", 1, RunnerHarness.Token);
        await runner.Client.RaiseEventAsync(id, "Number", 2, RunnerHarness.Token);
        await runner.IdleAsync();
        await runner.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Equal("1,2", (await runner.CompletionAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task EventPayloadOfTheWrongShape_FailsTheWaitWithAJsonError()
    {
        await using var runner = new RunnerHarness(r => r
            .AddOrchestrator<string, string>("Strict", async (context, _) =>
            {
                try
                {
                    return (await context.WaitForExternalEvent<int>("Count")).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (System.Text.Json.JsonException)
                {
                    return "bad payload";
                }
            }));
        var id = await runner.StartAsync("Strict", "strict-1");

        await runner.Client.RaiseEventAsync(id, "Count", "seven", RunnerHarness.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await runner.CompletionAsync(id)).RuntimeStatus);
        Assert.Equal("bad payload", runner.Status(id).ReadOutputAs<string>());
    }
}
