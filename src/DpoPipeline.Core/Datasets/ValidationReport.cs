namespace DpoPipeline.Core.Datasets;

/// <summary>
/// The outcome of validating (or converting) a dataset. Counts are exact; <see cref="Issues"/> holds the first few
/// issues of each code in file order (see <see cref="ValidationOptions.MaxIssuesPerCode"/>).
/// Published as docs/schemas/validation-report.schema.json.
/// </summary>
public sealed record ValidationReport(
    string SchemaVersion,
    string File,
    string? ValidationFile,
    DatasetFormat? Format,
    bool Compressed,
    DatasetShape? Shape,
    bool IsValid,
    long ExampleCount,
    long ValidExampleCount,
    long ValidationExampleCount,
    long BytesRead,
    IReadOnlyDictionary<string, long> ErrorCounts,
    IReadOnlyDictionary<string, long> WarningCounts,
    IReadOnlyList<ValidationIssue> Issues,
    bool IssuesTruncated,
    TokenTotals Tokens)
{
    public const string CurrentSchemaVersion = "1.0";

    public long ErrorCount => ErrorCounts.Values.Sum();

    public long WarningCount => WarningCounts.Values.Sum();
}
