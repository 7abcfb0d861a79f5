namespace Microsoft.DurableTask.Client;

/// <summary>Stand-in: the runtime status of an orchestration instance (same values as the package).</summary>
public enum OrchestrationRuntimeStatus
{
    Running = 0,
    Completed = 1,
    ContinuedAsNew = 2,
    Failed = 3,
    [Obsolete("The Canceled status is not currently used and exists only for compatibility reasons.")]
    Canceled = 4,
    Terminated = 5,
    Pending = 6,
    Suspended = 7,
}
