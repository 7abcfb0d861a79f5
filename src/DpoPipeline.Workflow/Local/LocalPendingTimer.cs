namespace DpoPipeline.Workflow.Local;

/// <summary>A durable timer waiting on the time provider.</summary>
internal sealed record LocalPendingTimer(ITimer Timer, DateTimeOffset FireAt);
