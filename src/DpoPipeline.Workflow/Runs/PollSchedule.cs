namespace DpoPipeline.Workflow.Runs;

/// <summary>
/// How a wait polls: the first interval, doubling up to <see cref="Max"/>, giving up after <see cref="GiveUpAfter"/>
/// (null: the wait has no limit of its own).
/// </summary>
public sealed record PollSchedule(TimeSpan First, TimeSpan Max, TimeSpan? GiveUpAfter = null)
{
    public PollSchedule Compressed(double factor) => new(First / factor, Max / factor, GiveUpAfter / factor);

    /// <summary>The interval after <paramref name="current"/>: doubled, capped (no jitter: orchestrations replay it).</summary>
    public TimeSpan Next(TimeSpan current) => TimeSpan.FromTicks(Math.Min(current.Ticks * 2, Max.Ticks));
}
