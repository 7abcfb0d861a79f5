using Microsoft.DurableTask;

namespace DpoPipeline.Workflow.Local;

/// <summary>
/// One entry of an instance's history. Scheduled work (tasks, timers, sub-orchestrations, sent events) carries the
/// sequence number the orchestrator gave it (<see cref="TaskId"/>); its completion carries the same number.
/// </summary>
public sealed record LocalHistoryEvent(LocalHistoryEventKind Kind, DateTimeOffset Timestamp)
{
    public int TaskId { get; init; } = -1;

    /// <summary>Activity, orchestrator or event name.</summary>
    public string? Name { get; init; }

    /// <summary>Serialized input, result or event payload.</summary>
    public string? Payload { get; init; }

    public TaskFailureDetails? Failure { get; init; }

    public DateTime? FireAt { get; init; }

    /// <summary>The sub-orchestration's instance id, or the receiver of a sent event.</summary>
    public string? TargetInstanceId { get; init; }

    /// <summary>True for the events an orchestrator produces by scheduling work (matched by sequence number on replay).</summary>
    public bool IsAction => this.Kind is LocalHistoryEventKind.TaskScheduled or LocalHistoryEventKind.SubOrchestrationCreated
        or LocalHistoryEventKind.TimerCreated or LocalHistoryEventKind.EventSent;

    /// <summary>True for the events an orchestrator consumes (fed to it in order on replay).</summary>
    public bool IsInput => this.Kind is LocalHistoryEventKind.OrchestratorStarted or LocalHistoryEventKind.ExecutionStarted
        or LocalHistoryEventKind.TaskCompleted or LocalHistoryEventKind.TaskFailed
        or LocalHistoryEventKind.SubOrchestrationCompleted or LocalHistoryEventKind.SubOrchestrationFailed
        or LocalHistoryEventKind.TimerFired or LocalHistoryEventKind.EventRaised;
}
