namespace Microsoft.DurableTask;

/// <summary>Stand-in: options for a sub-orchestration, including its instance id.</summary>
public record SubOrchestrationOptions : TaskOptions
{
    public SubOrchestrationOptions(TaskRetryOptions? retry = null, string? instanceId = null)
        : base(retry)
    {
        this.InstanceId = instanceId;
    }

    public SubOrchestrationOptions(TaskOptions options, string? instanceId = null)
        : base(options)
    {
        this.InstanceId = instanceId ?? (options as SubOrchestrationOptions)?.InstanceId;
    }

    public SubOrchestrationOptions(SubOrchestrationOptions options)
        : base(options)
    {
        this.InstanceId = options.InstanceId;
    }

    public string? InstanceId { get; init; }
}
