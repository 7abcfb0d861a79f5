namespace DpoPipeline.Core.Datasets.Shapes;

/// <summary>Collects the issues of the records one worker processes, stamped with file and line.</summary>
internal sealed class IssueCollector(string file)
{
    private int _recordErrors;

    public List<ValidationIssue> Issues { get; } = [];

    public long Line { get; private set; }

    public bool RecordHasErrors => _recordErrors > 0;

    public void BeginRecord(long line)
    {
        Line = line;
        _recordErrors = 0;
    }

    public void Error(string code, string? jsonPath, string message)
    {
        _recordErrors++;
        Issues.Add(new ValidationIssue(file, Line, jsonPath, code, IssueSeverity.Error, message, IssueCodes.HintFor(code)));
    }

    public void Warning(string code, string? jsonPath, string message) =>
        Issues.Add(new ValidationIssue(file, Line, jsonPath, code, IssueSeverity.Warning, message, IssueCodes.HintFor(code)));
}
