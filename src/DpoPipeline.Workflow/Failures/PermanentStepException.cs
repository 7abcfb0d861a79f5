namespace DpoPipeline.Workflow.Failures;

/// <summary>A failure that trying again cannot fix (a refused request, a missing role, an unknown resource): the step fails at once.</summary>
public sealed class PermanentStepException(string code, string message, Exception innerException)
    : StepFailedException(code, message, innerException);
