using Microsoft.DurableTask;

namespace DpoPipeline.Workflow.Orchestrations;

/// <summary>
/// Retry options for activities. The clients already retry transient HTTP faults for seconds; these retries
/// cover longer outages (a worker recycled, a region blip) over minutes.
/// </summary>
internal static class ActivityRetries
{
    public static TaskOptions Transient { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 5,
        firstRetryInterval: TimeSpan.FromSeconds(10),
        backoffCoefficient: 2.0,
        maxRetryInterval: TimeSpan.FromMinutes(5)));
}
