namespace Microsoft.DurableTask.Client;

/// <summary>Stand-in: filter and paging of <see cref="DurableTaskClient.GetAllInstancesAsync"/>.</summary>
public record OrchestrationQuery(
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    IEnumerable<OrchestrationRuntimeStatus>? Statuses = null,
    IEnumerable<string>? TaskHubNames = null,
    string? InstanceIdPrefix = null,
    int PageSize = OrchestrationQuery.DefaultPageSize,
    bool FetchInputsAndOutputs = false,
    string? ContinuationToken = null)
{
    public const int DefaultPageSize = 100;
}
