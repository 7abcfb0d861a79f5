namespace DpoPipeline.Workflow.Activities;

/// <summary>What to release for a run: everything tagged with its id, plus the ids the run recorded (in case a listing lags).</summary>
public sealed record ReleaseRequest(string RunId, IReadOnlyList<string> FileIds, string? JobId);
