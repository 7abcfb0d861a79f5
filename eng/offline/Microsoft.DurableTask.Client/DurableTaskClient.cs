namespace Microsoft.DurableTask.Client;

/// <summary>
/// Stand-in: starts, queries, signals and ends orchestration instances. The abstract member set is exactly the
/// package's (1.28.0); the overloads route to the abstract members as the package's do, and the optional
/// operations (terminate, purge) throw <see cref="NotSupportedException"/> unless a subclass overrides them.
/// </summary>
public abstract class DurableTaskClient : IAsyncDisposable
{
    protected DurableTaskClient(string name)
    {
        this.Name = name;
    }

    public string Name { get; }

    public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, CancellationToken cancellation) =>
        this.ScheduleNewOrchestrationInstanceAsync(orchestratorName, null, null, cancellation);

    public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input, CancellationToken cancellation) =>
        this.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, null, cancellation);

    public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, StartOrchestrationOptions options, CancellationToken cancellation = default) =>
        this.ScheduleNewOrchestrationInstanceAsync(orchestratorName, null, options, cancellation);

    public abstract Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default);

    public virtual Task RaiseEventAsync(string instanceId, string eventName, CancellationToken cancellation) =>
        this.RaiseEventAsync(instanceId, eventName, null, cancellation);

    public abstract Task RaiseEventAsync(
        string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default);

    public virtual Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, CancellationToken cancellation) =>
        this.WaitForInstanceStartAsync(instanceId, false, cancellation);

    public abstract Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    public virtual Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, CancellationToken cancellation) =>
        this.WaitForInstanceCompletionAsync(instanceId, false, cancellation);

    public abstract Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    public virtual Task TerminateInstanceAsync(string instanceId, CancellationToken cancellation) =>
        this.TerminateInstanceAsync(instanceId, null, cancellation);

    public virtual Task TerminateInstanceAsync(string instanceId, object? output, CancellationToken cancellation = default) =>
        this.TerminateInstanceAsync(instanceId, output is null ? null : new TerminateInstanceOptions(output), cancellation);

    public virtual Task TerminateInstanceAsync(
        string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException($"{this.GetType()} does not support orchestration termination.");

    public virtual Task SuspendInstanceAsync(string instanceId, CancellationToken cancellation) =>
        this.SuspendInstanceAsync(instanceId, null, cancellation);

    public abstract Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default);

    public virtual Task ResumeInstanceAsync(string instanceId, CancellationToken cancellation) =>
        this.ResumeInstanceAsync(instanceId, null, cancellation);

    public abstract Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default);

    public virtual Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellation) =>
        this.GetInstanceAsync(instanceId, false, cancellation);

    public virtual Task<OrchestrationMetadata?> GetInstanceAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        this.GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation);

    public virtual Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, CancellationToken cancellation) =>
        this.GetInstancesAsync(instanceId, false, cancellation);

    public abstract Task<OrchestrationMetadata?> GetInstancesAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    public abstract AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null);

    public virtual Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellation) =>
        this.PurgeInstanceAsync(instanceId, null, cancellation);

    public virtual Task<PurgeResult> PurgeInstanceAsync(
        string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException($"{this.GetType()} does not support purging of orchestration instances.");

    public virtual Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellation) =>
        this.PurgeAllInstancesAsync(filter, null, cancellation);

    public virtual Task<PurgeResult> PurgeAllInstancesAsync(
        PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException($"{this.GetType()} does not support purging of orchestration instances.");

    public abstract ValueTask DisposeAsync();
}
