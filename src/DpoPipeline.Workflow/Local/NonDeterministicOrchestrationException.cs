namespace DpoPipeline.Workflow.Local;

/// <summary>
/// An orchestrator, replayed against its recorded history, scheduled different work than it did the first time
/// (a different activity, a timer instead of a task, fewer steps...). In Azure this fails the instance the same way.
/// </summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    public NonDeterministicOrchestrationException()
    {
    }

    public NonDeterministicOrchestrationException(string message)
        : base(message)
    {
    }

    public NonDeterministicOrchestrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
