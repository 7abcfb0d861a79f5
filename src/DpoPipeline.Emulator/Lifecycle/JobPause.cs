namespace DpoPipeline.Emulator.Lifecycle;

/// <summary>One pause of a running job: training is frozen from <see cref="PausedAt"/> until <see cref="FrozenUntil"/>.</summary>
internal sealed record JobPause(DateTimeOffset PausedAt, DateTimeOffset? ResumedAt, TimeSpan Pausing, TimeSpan Resuming)
{
    /// <summary>When the status turns from <c>pausing</c> to <c>paused</c>.</summary>
    public DateTimeOffset PausedReachedAt => PausedAt + Pausing;

    public DateTimeOffset FrozenUntil => ResumedAt is { } resumed ? resumed + Resuming : DateTimeOffset.MaxValue;
}
