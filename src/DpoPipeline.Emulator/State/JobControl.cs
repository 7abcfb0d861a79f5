namespace DpoPipeline.Emulator.State;

internal enum JobControlKind
{
    Pause,
    Resume,
    Cancel,
}

/// <summary>A pause, resume or cancel request, kept with its time so the job's history can be recomputed.</summary>
internal sealed record JobControl(JobControlKind Kind, DateTimeOffset At);
