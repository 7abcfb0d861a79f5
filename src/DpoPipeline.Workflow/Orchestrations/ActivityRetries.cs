using DpoPipeline.Workflow.Runs;
using Microsoft.DurableTask;

namespace DpoPipeline.Workflow.Orchestrations;

/// <summary>
/// Retry options for activities. The clients already retry transient HTTP faults for seconds; these retries
/// cover longer outages (a worker recycled, a region blip) over minutes.
/// </summary>
internal static class ActivityRetries
{
    private const int MaxAttempts = 5;

    public static TaskOptions For(RunTiming timing) => TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: MaxAttempts,
        firstRetryInterval: timing.RetryFirst,
        backoffCoefficient: 2.0,
        maxRetryInterval: timing.RetryMax));
}
