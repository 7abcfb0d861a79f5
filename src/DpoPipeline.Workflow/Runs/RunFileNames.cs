namespace DpoPipeline.Workflow.Runs;

/// <summary>
/// The names a run's uploads carry on the service. They contain the run id, so a retried upload finds what an earlier
/// attempt stored and the cleanup finds every file of the run even when its id was never recorded.
/// </summary>
public static class RunFileNames
{
    private const string TrainingSuffix = "-train.jsonl";
    private const string ValidationSuffix = "-validation.jsonl";

    public static string Training(string runId) => runId + TrainingSuffix;

    public static string Validation(string runId) => runId + ValidationSuffix;

    /// <summary>The run a file name was given for, or null when it is not a run's upload.</summary>
    public static string? RunIdOf(string? fileName) =>
        fileName is null ? null
        : fileName.EndsWith(TrainingSuffix, StringComparison.Ordinal) && fileName.Length > TrainingSuffix.Length ? fileName[..^TrainingSuffix.Length]
        : fileName.EndsWith(ValidationSuffix, StringComparison.Ordinal) && fileName.Length > ValidationSuffix.Length ? fileName[..^ValidationSuffix.Length]
        : null;

    public static bool BelongsTo(string? fileName, string runId) =>
        string.Equals(fileName, Training(runId), StringComparison.Ordinal) || string.Equals(fileName, Validation(runId), StringComparison.Ordinal);
}
