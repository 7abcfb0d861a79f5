namespace DpoPipeline.Workflow.Runs;

/// <summary>A decision at the budget gate as the run recorded it: what, who, when (orchestration time) and why.</summary>
public sealed record ApprovalRecord(bool Approved, string? DecidedBy, DateTime At, string? Comment);
