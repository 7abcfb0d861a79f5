namespace Microsoft.DurableTask;

/// <summary>Stand-in: the parent of a sub-orchestration.</summary>
public record ParentOrchestrationInstance(TaskName Name, string InstanceId);
