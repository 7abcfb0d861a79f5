namespace DpoPipeline.Core.Datasets;

/// <summary>
/// One problem found in a dataset. <see cref="Line"/> is the 1-based line (JSONL, JSON), row (CSV, Parquet) where the
/// example starts, or null for file-level problems; <see cref="JsonPath"/> points inside the example.
/// </summary>
public sealed record ValidationIssue(
    string File,
    long? Line,
    string? JsonPath,
    string Code,
    IssueSeverity Severity,
    string Message,
    string Hint);
