namespace DpoPipeline.Core.FineTuning;

/// <summary>Fine-tuning job states of Azure OpenAI and OpenAI; <see cref="Unknown"/> for any name not known yet.</summary>
public enum FineTuningJobStatus
{
    Unknown,
    ValidatingFiles,
    Pending,
    Queued,
    Running,
    Pausing,
    Paused,
    Resuming,
    Succeeded,
    Failed,
    Cancelled,
}
