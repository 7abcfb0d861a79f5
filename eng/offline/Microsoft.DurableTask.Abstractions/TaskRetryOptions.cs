namespace Microsoft.DurableTask;

/// <summary>Stand-in: retry options of a task; only the policy form is mirrored.</summary>
public sealed class TaskRetryOptions
{
    public TaskRetryOptions(RetryPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        this.Policy = policy;
    }

    public RetryPolicy? Policy { get; }

    public static TaskRetryOptions FromRetryPolicy(RetryPolicy policy) => new(policy);
}
