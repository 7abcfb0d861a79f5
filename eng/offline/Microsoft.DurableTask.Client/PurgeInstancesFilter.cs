namespace Microsoft.DurableTask.Client;

/// <summary>Stand-in: which instances <see cref="DurableTaskClient.PurgeAllInstancesAsync(PurgeInstancesFilter, CancellationToken)"/> purges.</summary>
public record PurgeInstancesFilter(
    DateTimeOffset? CreatedFrom = null, DateTimeOffset? CreatedTo = null, IEnumerable<OrchestrationRuntimeStatus>? Statuses = null)
{
    public TimeSpan? Timeout { get; init; }
}
