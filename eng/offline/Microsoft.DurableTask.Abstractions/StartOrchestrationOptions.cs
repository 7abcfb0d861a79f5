namespace Microsoft.DurableTask;

/// <summary>Stand-in: options for starting an orchestration instance.</summary>
public record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null)
{
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
