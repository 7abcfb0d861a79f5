namespace DpoPipeline.Workflow.Local;

/// <summary>
/// A clock that runs <see cref="Scale"/> times faster than the real one, so a local run lives through a day of
/// polling, queueing and deployment TTL in seconds. Timers fire when the scaled clock reaches their due time.
/// Written by hand: FakeTimeProvider only moves when told to, and nothing else in the libraries scales time.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    private readonly TimeProvider _real;
    private readonly DateTimeOffset _origin;
    private readonly long _startTimestamp;

    public ScaledTimeProvider(double scale, TimeProvider? real = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1.0);
        Scale = scale;
        _real = real ?? System;
        _origin = _real.GetUtcNow();
        _startTimestamp = _real.GetTimestamp();
    }

    public double Scale { get; }

    public override DateTimeOffset GetUtcNow() => _origin + (_real.GetElapsedTime(_startTimestamp) * Scale);

    public override long GetTimestamp() => _startTimestamp + (long)((_real.GetTimestamp() - _startTimestamp) * Scale);

    public override long TimestampFrequency => _real.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(_real.CreateTimer(callback, state, Shrink(dueTime, Scale), Shrink(period, Scale)), Scale);

    private static TimeSpan Shrink(TimeSpan span, double scale) =>
        span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : span / scale;

    private sealed class ScaledTimer(ITimer inner, double scale) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(Shrink(dueTime, scale), Shrink(period, scale));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
