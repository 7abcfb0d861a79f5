namespace DpoPipeline.Core.Evaluation;

/// <summary>A held-out file line that is not an Azure DPO example; names the line so the user can fix it.</summary>
public sealed class EvaluationDataException : FormatException
{
    public EvaluationDataException()
    {
    }

    public EvaluationDataException(string message)
        : base(message)
    {
    }

    public EvaluationDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EvaluationDataException(int lineNumber, string problem, Exception? innerException = null)
        : base($"Line {lineNumber}: {problem}", innerException)
    {
        LineNumber = lineNumber;
    }

    /// <summary>1-based line number of the offending example.</summary>
    public int LineNumber { get; }
}
