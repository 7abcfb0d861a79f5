using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DpoPipeline.Workflow.Local;

/// <summary>The mutable state of one local instance. Guarded by locking the instance itself.</summary>
internal sealed class LocalInstance(LocalInstanceIdentity identity, DateTimeOffset createdAt, string? serializedInput, LocalParentLink? parentLink)
{
    public LocalInstanceIdentity Identity { get; } = identity;

    public LocalParentLink? ParentLink { get; } = parentLink;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset LastUpdatedAt { get; set; } = createdAt;

    public OrchestrationRuntimeStatus RuntimeStatus { get; set; } = OrchestrationRuntimeStatus.Pending;

    public string? SerializedInput { get; set; } = serializedInput;

    public string? SerializedOutput { get; set; }

    public string? SerializedCustomStatus { get; set; }

    public TaskFailureDetails? Failure { get; set; }

    public int Generation { get; set; }

    public int TotalHistoryEvents { get; set; }

    public List<LocalHistoryEvent> History { get; } = [];

    public LinkedList<LocalWorkItem> Inbox { get; } = [];

    public bool Processing { get; set; }

    /// <summary>Durable timers waiting on the time provider, by the task id the orchestrator gave them.</summary>
    public Dictionary<int, LocalPendingTimer> Timers { get; } = [];

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsTerminal => LocalInstanceStatus.IsTerminalStatus(this.RuntimeStatus);

    public LocalInstanceStatus Snapshot() => new(
        this.Identity.InstanceId,
        this.Identity.Name.Name,
        this.RuntimeStatus,
        this.CreatedAt,
        this.LastUpdatedAt,
        this.SerializedInput,
        this.SerializedOutput,
        this.SerializedCustomStatus,
        this.Failure,
        this.Identity.Parent?.InstanceId,
        this.Generation,
        this.History.Count,
        this.TotalHistoryEvents);
}
