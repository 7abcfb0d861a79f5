namespace DpoPipeline.Workflow.Orchestrations;

/// <summary>Capped exponential backoff for polling loops (deterministic: no jitter inside orchestrations).</summary>
internal static class Backoff
{
    public static TimeSpan Next(TimeSpan current, TimeSpan max) =>
        TimeSpan.FromTicks(Math.Min(current.Ticks * 2, max.Ticks));
}
