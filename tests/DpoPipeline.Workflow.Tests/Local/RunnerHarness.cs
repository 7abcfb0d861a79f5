using DpoPipeline.Workflow.Local;
using Microsoft.DurableTask;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DpoPipeline.Workflow.Tests.Local;

/// <summary>A local host on a fake clock, with waits bounded so a broken runner fails a test instead of hanging it.</summary>
internal sealed class RunnerHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    public RunnerHarness(Action<LocalTaskRegistry> register)
    {
        var registry = new LocalTaskRegistry();
        register(registry);
        this.Host = new LocalOrchestrationHost(registry, this.Clock);
        this.Client = new LocalDurableTaskClient(this.Host);
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public LocalOrchestrationHost Host { get; }

    public LocalDurableTaskClient Client { get; }

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    public async Task<string> StartAsync(TaskName name, string instanceId, object? input = null)
    {
        await this.Host.StartAsync(name, instanceId, input, Token);
        await this.IdleAsync();
        return instanceId;
    }

    public Task IdleAsync() => this.Host.WaitForIdleAsync(Token).WaitAsync(HangGuard, Token);

    /// <summary>Moves the clock and lets everything the timers woke up run to the next wait.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        this.Clock.Advance(by);
        await this.IdleAsync();
    }

    public Task<LocalInstanceStatus> CompletionAsync(string instanceId) =>
        this.Host.WaitForCompletionAsync(instanceId, Token).WaitAsync(HangGuard, Token);

    public LocalInstanceStatus Status(string instanceId) => this.Host.GetStatus(instanceId) ?? throw new InvalidOperationException(instanceId);

    public async ValueTask DisposeAsync()
    {
        await this.Client.DisposeAsync();
        await this.Host.DisposeAsync();
    }
}
