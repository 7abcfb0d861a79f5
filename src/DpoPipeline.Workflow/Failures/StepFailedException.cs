namespace DpoPipeline.Workflow.Failures;

/// <summary>
/// An activity's failure as its orchestrator sees it: a stable <see cref="Code"/> (the service's own code when there is
/// one) and the message. The subtype says whether trying again can help, so the retry policy can tell from the failure's
/// type name alone (all that crosses the engine besides the message).
/// </summary>
public abstract class StepFailedException : Exception
{
    private const string CodeStart = "[";
    private const string CodeEnd = "] ";

    protected StepFailedException(string code, string message, Exception innerException)
        : base(CodeStart + code + CodeEnd + message, innerException)
    {
        Code = code;
    }

    public string Code { get; }

    /// <summary>Splits a message built by this class back into its code and text; other messages have no code.</summary>
    public static (string? Code, string Message) Parse(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var end = message.IndexOf(CodeEnd, StringComparison.Ordinal);
        return message.StartsWith(CodeStart, StringComparison.Ordinal) && end > 1
            ? (message[1..end], message[(end + CodeEnd.Length)..])
            : (null, message);
    }
}
