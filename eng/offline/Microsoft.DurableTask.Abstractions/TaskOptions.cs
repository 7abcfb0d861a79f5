namespace Microsoft.DurableTask;

/// <summary>Stand-in: options for scheduling an activity or sub-orchestration.</summary>
public record TaskOptions
{
    public TaskOptions(TaskRetryOptions? retry)
        : this(retry, null)
    {
    }

    public TaskOptions(TaskRetryOptions? retry = null, IDictionary<string, string>? tags = null)
    {
        this.Retry = retry;
        this.Tags = tags;
    }

    public TaskOptions(TaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.Retry = options.Retry;
        this.Tags = options.Tags;
    }

    public TaskRetryOptions? Retry { get; init; }

    public IDictionary<string, string>? Tags { get; init; }

    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(TaskRetryOptions.FromRetryPolicy(policy));

    public SubOrchestrationOptions WithInstanceId(string instanceId) => new(this, instanceId);
}
