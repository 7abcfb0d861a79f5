namespace DpoPipeline.Workflow.Runs;

/// <summary>A decision at the budget gate, as the approver sent it.</summary>
/// <param name="DecidedBy">Who decided; recorded in the run's status and report.</param>
public sealed record ApprovalDecision(bool Approved, string? DecidedBy, string? Comment);
