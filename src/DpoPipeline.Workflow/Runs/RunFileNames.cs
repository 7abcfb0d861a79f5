namespace DpoPipeline.Workflow.Runs;

/// <summary>
/// The names a run's uploads carry on the service. They contain the run id, so a retried upload finds what an earlier
/// attempt stored and the cleanup finds every file of the run even when its id was never recorded.
/// </summary>
public static class RunFileNames
{
    private const string TrainingSuffix = "-train.jsonl";
    private const string ValidationSuffix = "-validation.jsonl";
    private const string SftTrainingSuffix = "-sft-train.jsonl";
    private const string SftValidationSuffix = "-sft-validation.jsonl";

    /// <summary>The SFT stage's training file of a run.</summary>
    public static string SftTraining(string runId) => runId + SftTrainingSuffix;

    public static string SftValidation(string runId) => runId + SftValidationSuffix;

    public static string Training(string runId) => runId + TrainingSuffix;

    public static string Validation(string runId) => runId + ValidationSuffix;

    /// <summary>The run a file name was given for, or null when it is not a run's upload.</summary>
    public static string? RunIdOf(string? fileName) =>
        fileName is null ? null
        : fileName.EndsWith(SftTrainingSuffix, StringComparison.Ordinal) && fileName.Length > SftTrainingSuffix.Length ? fileName[..^SftTrainingSuffix.Length]
        : fileName.EndsWith(SftValidationSuffix, StringComparison.Ordinal) && fileName.Length > SftValidationSuffix.Length ? fileName[..^SftValidationSuffix.Length]
        : fileName.EndsWith(TrainingSuffix, StringComparison.Ordinal) && fileName.Length > TrainingSuffix.Length ? fileName[..^TrainingSuffix.Length]
        : fileName.EndsWith(ValidationSuffix, StringComparison.Ordinal) && fileName.Length > ValidationSuffix.Length ? fileName[..^ValidationSuffix.Length]
        : null;

    public static bool BelongsTo(string? fileName, string runId) =>
        string.Equals(fileName, Training(runId), StringComparison.Ordinal) || string.Equals(fileName, Validation(runId), StringComparison.Ordinal)
        || string.Equals(fileName, SftTraining(runId), StringComparison.Ordinal) || string.Equals(fileName, SftValidation(runId), StringComparison.Ordinal);
}
