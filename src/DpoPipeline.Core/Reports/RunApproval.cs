namespace DpoPipeline.Core.Reports;

/// <summary>Who let a run past its budget (or refused it), when, and why.</summary>
public sealed record RunApproval(bool Approved, string? DecidedBy, DateTimeOffset At, string? Comment);
