using Microsoft.DurableTask;

namespace DpoPipeline.Workflow.Local;

/// <summary>Who an instance is: its orchestrator, its id and, for a sub-orchestration, its parent.</summary>
internal sealed record LocalInstanceIdentity(TaskName Name, string InstanceId, ParentOrchestrationInstance? Parent);
