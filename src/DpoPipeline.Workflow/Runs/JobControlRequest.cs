namespace DpoPipeline.Workflow.Runs;

public sealed record JobControlRequest(JobControlAction Action, string? RequestedBy);
