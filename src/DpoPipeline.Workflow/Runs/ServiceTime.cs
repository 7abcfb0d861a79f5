namespace DpoPipeline.Workflow.Runs;

/// <summary>
/// Fits a run's waits to a service whose clock runs <c>scale</c> times faster than real time (the emulator's
/// TimeScale): the durable timers of the orchestration run on real time, so every interval and deadline shrinks alike.
/// </summary>
public static class ServiceTime
{
    public static RunOptions Compress(RunOptions options, double scale)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1.0);
        return scale == 1
            ? options
            : options with
            {
                Timing = options.Timing.Compressed(scale),
                DeploymentTtl = options.DeploymentTtl / scale,
                ApprovalTimeout = options.ApprovalTimeout / scale,
                MaxRunTime = options.MaxRunTime / scale,
                ServiceTimeScale = scale,
            };
    }
}
