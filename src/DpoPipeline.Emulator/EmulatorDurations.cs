namespace DpoPipeline.Emulator;

/// <summary>Service-time durations of each lifecycle phase, before <see cref="EmulatorOptions.TimeScale"/> divides them.</summary>
public sealed class EmulatorDurations
{
    /// <summary>An uploaded file stays `pending` this long, then becomes `processed` or `error`.</summary>
    public TimeSpan FileProcessing { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A created job answers `pending` (as Azure's 201 does) this long.</summary>
    public TimeSpan JobPending { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan JobValidatingFiles { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Minimum time in `queued`; longer while another job holds the running slot.</summary>
    public TimeSpan JobQueued { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Training time, not counting pauses.</summary>
    public TimeSpan JobRunning { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan JobPausing { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan JobResuming { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Zero by default: the recorded PUT of a fine-tuned deployment answered <c>Creating</c> at once.</summary>
    public TimeSpan DeploymentAccepted { get; set; } = TimeSpan.Zero;

    /// <summary>A fine-tuned gpt-4o-mini deployment was recorded `Creating` for about 13 minutes.</summary>
    public TimeSpan DeploymentCreating { get; set; } = TimeSpan.FromMinutes(13);

    /// <summary>After `Succeeded`, chat completions still answer 404 DeploymentNotReady this long.</summary>
    public TimeSpan DeploymentNotReady { get; set; } = TimeSpan.FromMinutes(2);
}
