namespace DpoPipeline.Workflow.Local;

/// <summary>What a <see cref="LocalHistoryEvent"/> records; the same steps the Durable Task history records.</summary>
public enum LocalHistoryEventKind
{
    OrchestratorStarted,
    ExecutionStarted,
    TaskScheduled,
    TaskCompleted,
    TaskFailed,
    SubOrchestrationCreated,
    SubOrchestrationCompleted,
    SubOrchestrationFailed,
    TimerCreated,
    TimerFired,
    EventRaised,
    EventSent,
    ExecutionCompleted,
    ExecutionFailed,
    ContinuedAsNew,
    ExecutionTerminated,
}
