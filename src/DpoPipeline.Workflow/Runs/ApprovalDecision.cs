namespace DpoPipeline.Workflow.Runs;

public sealed record ApprovalDecision(bool Approved, string? DecidedBy, string? Reason);
