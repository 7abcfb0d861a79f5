namespace DpoPipeline.Core.FineTuning;

/// <summary>Where an uploaded file stands after one non-blocking look (for a durable poller that waits between looks).</summary>
public enum FileCheckState
{
    /// <summary>Uploaded, pending or running: look again later.</summary>
    Pending,

    /// <summary>Ready to be used by a job.</summary>
    Processed,

    /// <summary>Validation failed or the file was deleted; <see cref="FileCheckResult.Message"/> says why.</summary>
    Error,
}
