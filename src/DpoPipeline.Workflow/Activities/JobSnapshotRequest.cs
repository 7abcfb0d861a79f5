namespace DpoPipeline.Workflow.Activities;

/// <param name="AfterEventId">Last event already surfaced, so each poll returns only new events.</param>
public sealed record JobSnapshotRequest(string JobId, string? AfterEventId);
