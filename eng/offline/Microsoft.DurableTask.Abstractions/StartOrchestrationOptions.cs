namespace Microsoft.DurableTask;

/// <summary>Stand-in: options for starting an orchestration instance.</summary>
public record StartOrchestrationOptions
{
    public StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null)
    {
        this.InstanceId = InstanceId;
        this.StartAt = StartAt;
    }

    public StartOrchestrationOptions(StartOrchestrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.InstanceId = options.InstanceId;
        this.StartAt = options.StartAt;
        this.Tags = options.Tags;
    }

    public string? InstanceId { get; init; }

    public DateTimeOffset? StartAt { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
