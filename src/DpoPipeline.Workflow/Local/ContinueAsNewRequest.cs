namespace DpoPipeline.Workflow.Local;

/// <summary>An orchestrator asked to restart with a fresh history and this input.</summary>
internal sealed record ContinueAsNewRequest(string? SerializedInput, bool PreserveUnprocessedEvents);
