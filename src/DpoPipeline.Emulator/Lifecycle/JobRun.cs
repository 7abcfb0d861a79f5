namespace DpoPipeline.Emulator.Lifecycle;

/// <summary>
/// The training phase of a job on the wall clock: it starts at <see cref="Start"/> and needs <see cref="Length"/> of
/// un-paused time. Converts between training progress and wall-clock time in both directions.
/// </summary>
internal sealed class JobRun(DateTimeOffset start, TimeSpan length, IReadOnlyList<JobPause> pauses)
{
    public DateTimeOffset Start { get; } = start;

    public TimeSpan Length { get; } = length;

    public IReadOnlyList<JobPause> Pauses { get; } = pauses;

    /// <summary>Wall-clock time at which <paramref name="progress"/> of training has been done; MaxValue if a pause never ends first.</summary>
    public DateTimeOffset WallTimeAt(TimeSpan progress)
    {
        var cursor = Start;
        var remaining = progress;
        foreach (var pause in Pauses)
        {
            if (cursor + remaining <= pause.PausedAt)
            {
                return cursor + remaining;
            }

            if (pause.PausedAt > cursor)
            {
                remaining -= pause.PausedAt - cursor;
            }

            if (pause.FrozenUntil == DateTimeOffset.MaxValue)
            {
                return DateTimeOffset.MaxValue;
            }

            cursor = pause.FrozenUntil > cursor ? pause.FrozenUntil : cursor;
        }

        return cursor + remaining;
    }

    /// <summary>Training progress done by <paramref name="time"/>, between zero and <see cref="Length"/>.</summary>
    public TimeSpan ProgressAt(DateTimeOffset time)
    {
        if (time <= Start)
        {
            return TimeSpan.Zero;
        }

        var progress = time - Start;
        foreach (var pause in Pauses)
        {
            var from = pause.PausedAt > Start ? pause.PausedAt : Start;
            var to = pause.FrozenUntil < time ? pause.FrozenUntil : time;
            if (to > from)
            {
                progress -= to - from;
            }
        }

        return progress < Length ? progress : Length;
    }

    public JobPause? PauseAt(DateTimeOffset time) => Pauses.FirstOrDefault(p => p.PausedAt <= time && time < p.FrozenUntil);
}
