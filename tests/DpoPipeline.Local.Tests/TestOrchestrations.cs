using System.Collections.Concurrent;
using Microsoft.DurableTask;

namespace DpoPipeline.Local.Tests;

/// <summary>Small orchestrations that exercise what the workflow relies on: activities, timers, events and sub-orchestrations.</summary>
internal static class TestOrchestrations
{
    public const string Parent = nameof(Parent);
    public const string Child = nameof(Child);
    public const string Waiter = nameof(Waiter);
    public const string Slow = nameof(Slow);
    public const string Echo = nameof(Echo);
    public const string SlowActivity = nameof(SlowActivity);

    /// <summary>How many times each slow activity input started; shared because the engine creates activities itself.</summary>
    public static ConcurrentDictionary<string, int> SlowStarts { get; } = new();

    public static void Register(DurableTaskRegistry registry)
    {
        registry.AddActivityFunc<string, string>(Echo, (_, input) => "echo:" + input);
        registry.AddActivityFunc<SlowInput, string>(SlowActivity, async (_, input) =>
        {
            SlowStarts.AddOrUpdate(input.Key, 1, (_, n) => n + 1);
            await Task.Delay(input.Duration);
            return input.Key;
        });

        // A parent calling a child with tags: what the monitor is to the run, and what the sidecar stores wrongly.
        registry.AddOrchestratorFunc<string, string>(Parent, async (context, input) =>
        {
            var fromChild = await context.CallSubOrchestratorAsync<string>(
                Child, input, new SubOrchestrationOptions { InstanceId = context.InstanceId + ":child", Tags = new Dictionary<string, string> { ["run"] = input } });
            return fromChild + "|" + await context.CallActivityAsync<string>(Echo, "parent");
        });
        registry.AddOrchestratorFunc<string, string>(Child, (context, input) => context.CallActivityAsync<string>(Echo, input));

        // A durable timer, then an external event.
        registry.AddOrchestratorFunc<TimeSpan, string>(Waiter, async (context, delay) =>
        {
            await context.CreateTimer(context.CurrentUtcDateTime + delay, CancellationToken.None);
            return await context.WaitForExternalEvent<string>("go");
        });
        registry.AddOrchestratorFunc<SlowInput, string>(Slow, (context, input) => context.CallActivityAsync<string>(SlowActivity, input));
    }

    public sealed record SlowInput(string Key, TimeSpan Duration);
}
