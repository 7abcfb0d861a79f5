namespace DpoPipeline.Workflow.Failures;

/// <summary>A failure that may pass (429, 408, 5xx, a dropped connection, a network timeout): the step is retried.</summary>
public sealed class TransientStepException(string code, string message, Exception innerException)
    : StepFailedException(code, message, innerException);
