namespace DpoPipeline.Core.FineTuning;

/// <summary>File states of the Files API; Azure adds pending/running/deleting/deleted to OpenAI's set.</summary>
public enum FineTuningFileStatus
{
    Unknown,
    Uploaded,
    Pending,
    Running,
    Processed,
    Error,
    Deleting,
    Deleted,
}
