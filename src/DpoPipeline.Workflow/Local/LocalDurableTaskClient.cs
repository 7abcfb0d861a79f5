using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;

namespace DpoPipeline.Workflow.Local;

/// <summary>
/// A <see cref="DurableTaskClient"/> over a <see cref="LocalOrchestrationHost"/>, so code written for the
/// <c>[DurableClient]</c> binding (HTTP and blob starters) runs unchanged in tests and local runs.
/// Suspend and resume are not supported locally.
/// </summary>
public sealed class LocalDurableTaskClient(LocalOrchestrationHost host) : DurableTaskClient("local")
{
    private static readonly DataConverter Converter = new JsonDataConverter(DurableJson.Options);

    /// <exception cref="InvalidOperationException">An instance with the requested id exists and has not ended.</exception>
    public override Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        if (options?.StartAt is { } startAt && startAt > DateTimeOffset.MinValue)
        {
            throw new NotSupportedException("The local runner starts instances immediately; StartAt is not supported.");
        }

        return host.StartAsync(orchestratorName, options?.InstanceId ?? Guid.NewGuid().ToString("N"), input, cancellation);
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        host.RaiseEventAsync(instanceId, eventName, eventPayload, cancellation);

    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        ToMetadata(await host.WaitForStartAsync(instanceId, cancellation), getInputsAndOutputs);

    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        ToMetadata(await host.WaitForCompletionAsync(instanceId, cancellation), getInputsAndOutputs);

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) =>
        host.TerminateAsync(instanceId, options?.Output, cancellation);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException("The local runner does not suspend instances.");

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException("The local runner does not suspend instances.");

    public override Task<OrchestrationMetadata?> GetInstancesAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Task.FromResult(host.GetStatus(instanceId) is { } status ? ToMetadata(status, getInputsAndOutputs) : null);

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        var query = filter ?? new OrchestrationQuery();
        return Pageable.Create((continuationToken, pageSizeHint, cancellation) =>
        {
            cancellation.ThrowIfCancellationRequested();
            var matching = host.GetInstances().Where(s => Matches(query, s)).ToList();
            var skip = int.TryParse(continuationToken ?? query.ContinuationToken, out var offset) ? offset : 0;
            var size = Math.Max(1, pageSizeHint ?? query.PageSize);
            var page = matching.Skip(skip).Take(size).Select(s => ToMetadata(s, query.FetchInputsAndOutputs)).ToList();
            var next = skip + page.Count < matching.Count ? (skip + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return Task.FromResult(new Page<OrchestrationMetadata>(page, next));
        });
    }

    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        return Task.FromResult(new PurgeResult(host.Purge(s => string.Equals(s.InstanceId, instanceId, StringComparison.Ordinal))));
    }

    public override Task<PurgeResult> PurgeAllInstancesAsync(
        PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        cancellation.ThrowIfCancellationRequested();
        return Task.FromResult(new PurgeResult(host.Purge(s =>
            (filter.CreatedFrom is null || s.CreatedAt >= filter.CreatedFrom)
            && (filter.CreatedTo is null || s.CreatedAt <= filter.CreatedTo)
            && (filter.Statuses is null || filter.Statuses.Contains(s.RuntimeStatus)))));
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static bool Matches(OrchestrationQuery query, LocalInstanceStatus status) =>
        (query.CreatedFrom is null || status.CreatedAt >= query.CreatedFrom)
        && (query.CreatedTo is null || status.CreatedAt <= query.CreatedTo)
        && (query.Statuses is null || query.Statuses.Contains(status.RuntimeStatus))
        && (query.InstanceIdPrefix is null || status.InstanceId.StartsWith(query.InstanceIdPrefix, StringComparison.Ordinal));

    private static OrchestrationMetadata ToMetadata(LocalInstanceStatus status, bool withData) => new(status.Name, status.InstanceId)
    {
        DataConverter = Converter,
        RuntimeStatus = status.RuntimeStatus,
        CreatedAt = status.CreatedAt,
        LastUpdatedAt = status.LastUpdatedAt,
        SerializedInput = withData ? status.SerializedInput : null,
        SerializedOutput = withData ? status.SerializedOutput : null,
        SerializedCustomStatus = withData ? status.SerializedCustomStatus : null,
        FailureDetails = status.Failure,
    };
}
