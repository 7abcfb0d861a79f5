namespace DpoPipeline.Workflow.Runs;

/// <summary>
/// The names a run's uploads carry on the service. They contain the run id, so a retried upload finds what an earlier
/// attempt stored and the cleanup finds every file of the run even when its id was never recorded.
/// </summary>
public static class RunFileNames
{
    public static string Training(string runId) => runId + "-train.jsonl";

    public static string Validation(string runId) => runId + "-validation.jsonl";

    public static bool BelongsTo(string? fileName, string runId) =>
        string.Equals(fileName, Training(runId), StringComparison.Ordinal) || string.Equals(fileName, Validation(runId), StringComparison.Ordinal);
}
