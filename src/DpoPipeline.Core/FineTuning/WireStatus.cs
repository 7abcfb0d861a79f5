namespace DpoPipeline.Core.FineTuning;

/// <summary>Maps the services' snake_case status strings to enums; unrecognised names become Unknown instead of failing.</summary>
public static class WireStatus
{
    public static FineTuningJobStatus ParseJobStatus(string? status) => Normalize(status) switch
    {
        "validatingfiles" => FineTuningJobStatus.ValidatingFiles,
        "pending" or "notrunning" => FineTuningJobStatus.Pending,
        "queued" => FineTuningJobStatus.Queued,
        "running" => FineTuningJobStatus.Running,
        "pausing" => FineTuningJobStatus.Pausing,
        "paused" => FineTuningJobStatus.Paused,
        "resuming" => FineTuningJobStatus.Resuming,
        "succeeded" => FineTuningJobStatus.Succeeded,
        "failed" => FineTuningJobStatus.Failed,
        "cancelled" or "canceled" => FineTuningJobStatus.Cancelled,
        _ => FineTuningJobStatus.Unknown,
    };

    public static FineTuningFileStatus ParseFileStatus(string? status) => Normalize(status) switch
    {
        "uploaded" => FineTuningFileStatus.Uploaded,
        "pending" => FineTuningFileStatus.Pending,
        "running" => FineTuningFileStatus.Running,
        "processed" => FineTuningFileStatus.Processed,
        "error" => FineTuningFileStatus.Error,
        "deleting" => FineTuningFileStatus.Deleting,
        "deleted" => FineTuningFileStatus.Deleted,
        _ => FineTuningFileStatus.Unknown,
    };

    /// <summary>Succeeded, failed and cancelled jobs never change again.</summary>
    public static bool IsTerminal(this FineTuningJobStatus status) =>
        status is FineTuningJobStatus.Succeeded or FineTuningJobStatus.Failed or FineTuningJobStatus.Cancelled;

    private static string Normalize(string? status) =>
        (status ?? string.Empty).Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
}
