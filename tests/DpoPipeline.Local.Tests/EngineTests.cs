using Azure.Storage.Queues;
using DpoPipeline.Local.Azurite;
using DpoPipeline.Local.Engine;
using Microsoft.DurableTask.Client;

namespace DpoPipeline.Local.Tests;

/// <summary>The real engine, on both backends; every wait is bounded by the test's timeout.</summary>
public sealed class EngineTests(AzuriteFixture azurite)
{
    private readonly AzuriteServer _azurite = azurite.Server;

    public static TheoryData<string> Backends => ["memory", "azure-storage"];

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Backends))]
    public async Task A_sub_orchestration_with_tags_and_its_activities_complete(string backend)
    {
        await using var engine = await StartAsync(Backend(backend));

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(TestOrchestrations.Parent, "x", TestContext.Current.CancellationToken);
        var done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestContext.Current.CancellationToken);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("echo:x|echo:parent", done.ReadOutputAs<string>());
    }

    [Fact(Timeout = 90_000)]
    public async Task An_orchestration_waiting_on_a_timer_completes_on_the_engine_that_replaces_its_own()
    {
        var backend = Backend("azure-storage");
        string id;
        await using (var first = await StartAsync(backend))
        {
            id = await first.Client.ScheduleNewOrchestrationInstanceAsync(TestOrchestrations.Waiter, TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
            await first.Client.WaitForInstanceStartAsync(id, TestContext.Current.CancellationToken);
        }

        await using var second = await StartAsync(backend);
        await second.Client.RaiseEventAsync(id, "go", "after restart", TestContext.Current.CancellationToken);
        var done = await second.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestContext.Current.CancellationToken);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("after restart", done.ReadOutputAs<string>());
    }

    [Fact(Timeout = 90_000)]
    public async Task An_activity_outlasting_its_message_lock_runs_once_and_leaves_no_message_behind()
    {
        var hub = UniqueTaskHub();
        await using var engine = await StartAsync(new AzureStorageBackend(_azurite.ConnectionString, hub));
        var key = Guid.NewGuid().ToString("N");

        // Longer than the message lock: without renewal the message reappears while the activity runs (the provider
        // asserts "processed multiple times concurrently"), and the completion then fails to delete it, so it stays.
        var lockTimeout = AzureStorageBackend.MessageLockTimeout;
        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(
            TestOrchestrations.Slow, new TestOrchestrations.SlowInput(key, lockTimeout * 1.4), TestContext.Current.CancellationToken);
        var done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestContext.Current.CancellationToken);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(1, TestOrchestrations.SlowStarts[key]);
        Assert.True(await WorkItemQueueDrainsAsync(hub, lockTimeout), "the activity's message was left in the work-item queue");
    }

    [Fact(Timeout = 60_000)]
    public async Task An_unknown_orchestrator_fails_the_instance_instead_of_hanging()
    {
        await using var engine = await StartAsync(EngineBackend.InMemory);

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("NoSuchOrchestrator", cancellation: TestContext.Current.CancellationToken);
        var done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestContext.Current.CancellationToken);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
    }

    private EngineBackend Backend(string name) => name == "memory"
        ? EngineBackend.InMemory
        : new AzureStorageBackend(_azurite.ConnectionString, UniqueTaskHub());

    private static string UniqueTaskHub() => "e" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>Whether the task hub's work-item queue (invisible messages included) empties within <paramref name="within"/>.</summary>
    private async Task<bool> WorkItemQueueDrainsAsync(string hub, TimeSpan within)
    {
        var queue = new QueueClient(_azurite.ConnectionString, hub.ToLowerInvariant() + "-workitems");
        var giveUpAt = DateTime.UtcNow + within;
        while (DateTime.UtcNow < giveUpAt)
        {
            if ((await queue.GetPropertiesAsync(TestContext.Current.CancellationToken)).Value.ApproximateMessagesCount == 0)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
        }

        return false;
    }

    private static Task<LocalDurableEngine> StartAsync(EngineBackend backend) =>
        LocalDurableEngine.StartAsync(new LocalEngineOptions { Backend = backend, Tasks = TestOrchestrations.Register }, TestContext.Current.CancellationToken);
}
