using DurableTask.Core;
using DurableTask.Core.History;

namespace DpoPipeline.Local.Engine;

/// <summary>
/// Sits between the gRPC sidecar (TaskHubGrpcServer, InProcessTestHost 0.2.3-preview.1) and DurableTask.AzureStorage.
/// The sidecar was written against its in-memory store and hands the backend two objects a serializing store cannot
/// read back, both only when an orchestrator calls a sub-orchestration:
/// 1. a GrpcSubOrchestrationInstanceCreatedEvent, a subclass without [DataContract]: stored as a row without
///    properties, after which every history load of the parent fails ("did not contain a 'EventType' property");
/// 2. the protobuf MapField of the sub-orchestration's tags copied into the child's ExecutionStartedEvent.Tags:
///    stored with a type name Newtonsoft cannot bind back, so the child's start message is poison.
/// Both are rewritten into plain core events just before the commit.
/// </summary>
public sealed class SidecarCompatOrchestrationService(IOrchestrationService inner) : DelegatingOrchestrationService(inner)
{
    public override Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        ArgumentNullException.ThrowIfNull(newOrchestrationRuntimeState);
        ArgumentNullException.ThrowIfNull(orchestratorMessages);
        ReplaceSidecarEvents(newOrchestrationRuntimeState.NewEvents);
        ReplaceSidecarEvents(newOrchestrationRuntimeState.Events);
        foreach (var message in orchestratorMessages)
        {
            if (message.Event is ExecutionStartedEvent { Tags: { } tags } started && tags is not Dictionary<string, string>)
            {
                started.Tags = new Dictionary<string, string>(tags);
            }
        }

        return base.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
    }

    private static void ReplaceSidecarEvents(IList<HistoryEvent> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is SubOrchestrationInstanceCreatedEvent created && created.GetType() != typeof(SubOrchestrationInstanceCreatedEvent))
            {
                events[i] = new SubOrchestrationInstanceCreatedEvent(created.EventId)
                {
                    Name = created.Name,
                    Version = created.Version,
                    InstanceId = created.InstanceId,
                    Input = created.Input,
                    Timestamp = created.Timestamp,
                    IsPlayed = created.IsPlayed,
                };
            }
        }
    }
}
