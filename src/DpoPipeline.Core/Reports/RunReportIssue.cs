namespace DpoPipeline.Core.Reports;

/// <summary>An error or warning shown in the report: a stable code and what happened.</summary>
public sealed record RunReportIssue(string Code, string Message);
