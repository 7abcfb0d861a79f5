using System.Runtime.CompilerServices;
using DpoPipeline.Workflow.Local;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Xunit;

namespace DpoPipeline.Workflow.Tests.Local;

public sealed class RetryTests
{
    private static readonly TaskOptions ThreeAttempts = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(10), backoffCoefficient: 2.0));

    private static RunnerHarness FlakyRunner(int failures, StrongBox<int> attempts) => new(r => r
        .AddActivity<string, string>("Flaky", (input, _) => Interlocked.Increment(ref attempts.Value) <= failures
            ? throw new HttpRequestException("503 from the service")
            : Task.FromResult(input.ToUpperInvariant()))
        .AddOrchestrator<string, string>("Retrying", (context, input) => context.CallActivityAsync<string>("Flaky", input, ThreeAttempts)));

    [Fact]
    public async Task RetryPolicy_TwoTransientFailures_ThirdAttemptSucceedsAfterBackoffTimers()
    {
        var attempts = new StrongBox<int>();
        await using var runner = FlakyRunner(failures: 2, attempts);
        var id = await runner.StartAsync("Retrying", "retry-1", "ok");

        await runner.AdvanceAsync(TimeSpan.FromSeconds(10));
        var afterFirstBackoff = attempts.Value;
        await runner.AdvanceAsync(TimeSpan.FromSeconds(19));
        var beforeSecondBackoffEnds = attempts.Value;
        await runner.AdvanceAsync(TimeSpan.FromSeconds(1));

        var status = await runner.CompletionAsync(id);
        Assert.Equal("OK", status.ReadOutputAs<string>());
        Assert.Equal([2, 2, 3], [afterFirstBackoff, beforeSecondBackoffEnds, attempts.Value]);
        Assert.Equal(
            [RunnerHarness.Start.UtcDateTime.AddSeconds(10), RunnerHarness.Start.UtcDateTime.AddSeconds(30)],
            runner.Host.GetHistory(id).Where(e => e.Kind == LocalHistoryEventKind.TimerCreated).Select(e => e.FireAt!.Value));
    }

    [Fact]
    public async Task RetryPolicy_AttemptsExhausted_OrchestratorGetsTheLastFailure()
    {
        var attempts = new StrongBox<int>();
        await using var runner = FlakyRunner(failures: 10, attempts);
        var id = await runner.StartAsync("Retrying", "retry-2", "ok");

        await runner.AdvanceAsync(TimeSpan.FromSeconds(10));
        await runner.AdvanceAsync(TimeSpan.FromSeconds(20));

        var status = await runner.CompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Contains("503 from the service", status.Failure!.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(3, attempts.Value);
    }

    [Fact]
    public void RetryPolicy_InvalidArguments_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(0, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(3, TimeSpan.FromSeconds(1), backoffCoefficient: 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(3, TimeSpan.FromMinutes(2), maxRetryInterval: TimeSpan.FromMinutes(1)));
    }
}
