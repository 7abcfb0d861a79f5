namespace DpoPipeline.Workflow.Api;

/// <param name="Started">False when a run with this id already existed (a duplicate event or request): nothing new was started.</param>
public sealed record StartRunResult(string RunId, bool Started);
