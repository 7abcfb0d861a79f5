namespace Microsoft.DurableTask;

/// <summary>Stand-in: an activity or sub-orchestration failed; thrown into the awaiting orchestrator.</summary>
public sealed class TaskFailedException : Exception
{
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails?.ErrorMessage}")
    {
        ArgumentNullException.ThrowIfNull(failureDetails);
        this.TaskName = taskName;
        this.TaskId = taskId;
        this.FailureDetails = failureDetails;
    }

    public TaskFailedException(string taskName, int taskId, Exception innerException)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {innerException?.Message}", innerException)
    {
        ArgumentNullException.ThrowIfNull(innerException);
        this.TaskName = taskName;
        this.TaskId = taskId;
        this.FailureDetails = TaskFailureDetails.FromException(innerException);
    }

    public string TaskName { get; }

    public int TaskId { get; }

    public TaskFailureDetails FailureDetails { get; }

    public bool IsCausedByException<T>()
        where T : Exception => this.FailureDetails.IsCausedBy<T>();
}
