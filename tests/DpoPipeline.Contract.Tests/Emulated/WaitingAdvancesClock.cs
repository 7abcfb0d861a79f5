using Microsoft.Extensions.Time.Testing;

namespace DpoPipeline.Contract.Tests.Emulated;

/// <summary>
/// A fake clock that whoever waits on it moves: a timer created on it (a retry's backoff, a poll's delay) brings the
/// clock to its due time at once. A wait nobody expected — the retry after a network timeout on a busy machine — can
/// then never hang on a clock that nobody advances. Tests still move it by hand to age the emulator's files and jobs.
/// </summary>
internal sealed class WaitingAdvancesClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            // Advanced once the waiter holds its timer, and only as far as its due time if others moved the clock meanwhile.
            var due = GetUtcNow() + dueTime;
            _ = Task.Run(() =>
            {
                var now = GetUtcNow();
                if (due > now)
                {
                    Advance(due - now);
                }
            });
        }

        return timer;
    }
}
