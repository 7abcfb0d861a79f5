namespace DpoPipeline.Emulator.Lifecycle;

/// <summary>Job status names as the v1 API spells them.</summary>
internal static class JobStatus
{
    public const string Pending = "pending";
    public const string ValidatingFiles = "validating_files";
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Pausing = "pausing";
    public const string Paused = "paused";
    public const string Resuming = "resuming";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static bool IsTerminal(string status) => status is Succeeded or Failed or Cancelled;
}
