namespace DpoPipeline.Workflow.Runs;

/// <summary>
/// The poll and retry intervals of one run. They travel in the run's input, so every replay sees the same values.
/// The defaults suit Azure; a local run against an emulator whose clock runs N times faster divides them by N
/// (<see cref="Compressed"/>), so it polls in milliseconds what Azure needs minutes for.
/// </summary>
public sealed record RunTiming
{
    public static RunTiming Azure { get; } = new();

    /// <summary>Until the uploaded files are processed (seconds in Azure, rarely hours).</summary>
    public PollSchedule Files { get; init; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(2), TimeSpan.FromHours(2));

    /// <summary>The fine-tuning job; it may queue for days, so the deadline is the run's <c>MaxRunTime</c>, not this one.</summary>
    public PollSchedule Job { get; init; } = new(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(15));

    /// <summary>Until the deployment answers (about 15 minutes for a fine-tuned model).</summary>
    public PollSchedule Deployment { get; init; } = new(TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(2), TimeSpan.FromHours(1));

    /// <summary>How long a run waits for the runs it superseded to confirm they released what they held.</summary>
    public TimeSpan SupersededRelease { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How often a run waiting in the quota line asks the coordinator again, so a lost message costs no more than this.
    /// Real time even against a faster emulator clock: each ask lengthens the histories of both orchestrations.
    /// </summary>
    public TimeSpan QueueRefresh { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>First wait before an activity is retried; later waits double up to <see cref="RetryMax"/>.</summary>
    public TimeSpan RetryFirst { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryMax { get; init; } = TimeSpan.FromMinutes(5);

    public RunTiming Compressed(double factor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1.0);
        return new RunTiming
        {
            Files = Files.Compressed(factor),
            Job = Job.Compressed(factor),
            Deployment = Deployment.Compressed(factor),
            RetryFirst = RetryFirst / factor,
            RetryMax = RetryMax / factor,
            SupersededRelease = SupersededRelease / factor,
        };
    }
}
