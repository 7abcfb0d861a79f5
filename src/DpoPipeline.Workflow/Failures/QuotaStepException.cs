namespace DpoPipeline.Workflow.Failures;

/// <summary>
/// The service refused a job or a deployment for quota (429 after the client's retries, InsufficientQuota, a deployment
/// limit). Not retried as a step: the run goes back in the quota queue and tries again when a slot frees.
/// </summary>
public sealed class QuotaStepException(string code, string message, Exception innerException)
    : StepFailedException(code, message, innerException);
