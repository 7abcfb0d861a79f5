using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DpoPipeline.Workflow.Local;

/// <summary>A snapshot of one local orchestration instance.</summary>
/// <param name="Generation">How many times the instance continued as new.</param>
/// <param name="HistoryLength">Events in the current generation's history.</param>
/// <param name="TotalHistoryEvents">Events recorded over all generations.</param>
public sealed record LocalInstanceStatus(
    string InstanceId,
    string Name,
    OrchestrationRuntimeStatus RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string? SerializedInput,
    string? SerializedOutput,
    string? SerializedCustomStatus,
    TaskFailureDetails? Failure,
    string? ParentInstanceId,
    int Generation,
    int HistoryLength,
    int TotalHistoryEvents)
{
    public bool IsTerminal => IsTerminalStatus(this.RuntimeStatus);

    public T? ReadInputAs<T>() => DurableJson.Deserialize<T>(this.SerializedInput);

    public T? ReadOutputAs<T>() => DurableJson.Deserialize<T>(this.SerializedOutput);

    public T? ReadCustomStatusAs<T>() => DurableJson.Deserialize<T>(this.SerializedCustomStatus);

    internal static bool IsTerminalStatus(OrchestrationRuntimeStatus status) => status is OrchestrationRuntimeStatus.Completed
        or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
