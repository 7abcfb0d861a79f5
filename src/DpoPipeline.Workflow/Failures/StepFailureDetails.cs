using DpoPipeline.Workflow.Runs;
using Microsoft.DurableTask;

namespace DpoPipeline.Workflow.Failures;

/// <summary>Reads a <see cref="StepFailedException"/> back out of the failure details the engine hands an orchestrator.</summary>
public static class StepFailureDetails
{
    private static readonly string Transient = typeof(TransientStepException).FullName!;
    private static readonly string Permanent = typeof(PermanentStepException).FullName!;
    private static readonly string Quota = typeof(QuotaStepException).FullName!;

    /// <summary>True when the failure (or the step failure under a failed sub-orchestration) may pass on its own.</summary>
    public static bool IsTransient(TaskFailureDetails details) => Step(details)?.ErrorType == Transient;

    /// <summary>True when the service refused the step for quota: the run queues for the slot again instead of failing.</summary>
    public static bool IsQuotaRefusal(TaskFailedException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return Step(failure.FailureDetails)?.ErrorType == Quota;
    }

    /// <summary>The run error a failed step leaves: the step's code and message, and the task that failed.</summary>
    public static RunError ToRunError(TaskFailedException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var step = Step(failure.FailureDetails);
        if (step is null)
        {
            return new RunError(failure.FailureDetails.ErrorType.Split('.')[^1], failure.FailureDetails.ErrorMessage, failure.TaskName);
        }

        var (code, message) = StepFailedException.Parse(step.ErrorMessage);
        return new RunError(code ?? "step_failed", message, failure.TaskName);
    }

    // A sub-orchestration's failure wraps the activity failure that ended it; the innermost step failure tells the truth.
    private static TaskFailureDetails? Step(TaskFailureDetails? details)
    {
        TaskFailureDetails? found = null;
        for (; details is not null; details = details.InnerFailure)
        {
            if (details.ErrorType == Transient || details.ErrorType == Permanent || details.ErrorType == Quota)
            {
                found = details;
            }
        }

        return found;
    }
}
