using DpoPipeline.Workflow.Failures;
using DpoPipeline.Workflow.Runs;
using Microsoft.DurableTask;

namespace DpoPipeline.Workflow.Orchestrations;

/// <summary>
/// Retry options for activities. The clients already retry transient HTTP faults for seconds; these retries cover
/// longer outages (a worker recycled, a region blip) over minutes. Only transient failures are retried: a refused
/// request, a missing role or an unknown resource fails the step at once with the service's code and message.
/// </summary>
internal static class ActivityRetries
{
    private const int MaxAttempts = 5;

    // Releasing what a run holds stops the spending: it outlasts a longer outage than a step (about half an hour in Azure).
    private const int ReleaseAttempts = 10;

    public static TaskOptions For(RunTiming timing) => Policy(timing, MaxAttempts);

    /// <summary>For the release at a run's end: more attempts, the same transient-only rule.</summary>
    public static TaskOptions ForRelease(RunTiming timing) => Policy(timing, ReleaseAttempts);

    private static TaskOptions Policy(RunTiming timing, int attempts) => TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: attempts,
        firstRetryInterval: timing.RetryFirst,
        backoffCoefficient: 2.0,
        maxRetryInterval: timing.RetryMax)
    {
        HandleFailure = StepFailureDetails.IsTransient,
    });
}
