namespace DpoPipeline.Workflow.Runs;

public sealed record CancelRequest(string? Reason, string? RequestedBy);
