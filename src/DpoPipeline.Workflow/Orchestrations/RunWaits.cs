using DpoPipeline.Workflow.Activities;
using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Workflow.Runs;
using Microsoft.DurableTask;

namespace DpoPipeline.Workflow.Orchestrations;

/// <summary>The run's polling waits: a look by an activity, then a durable timer that a cancel cuts short.</summary>
internal static class RunWaits
{
    /// <returns>The files' state, or null when the run was cancelled while waiting.</returns>
    public static async Task<FilesProcessingState?> ForFilesAsync(
        TaskOrchestrationContext context, UploadedFiles files, RunTiming timing, Task<CancelRequest> cancel)
    {
        var schedule = timing.Files;
        var giveUpAt = context.CurrentUtcDateTime + schedule.GiveUpAfter;
        var delay = schedule.First;
        var retries = ActivityRetries.For(timing);
        while (true)
        {
            var state = await WorkflowTasks.CheckFilesProcessed.CallAsync(context, files, retries);
            if (state.Processed || state.Error is not null)
            {
                return state;
            }

            if (context.CurrentUtcDateTime >= giveUpAt)
            {
                return new FilesProcessingState(false, new RunError("file_not_processed", $"The files were not processed within {schedule.GiveUpAfter}."));
            }

            if (!await SleepUnlessCancelledAsync(context, delay, cancel))
            {
                return null;
            }

            delay = schedule.Next(delay);
        }
    }

    /// <returns>The deployment's state, or null when the run was cancelled while waiting.</returns>
    public static async Task<DeploymentState?> ForDeploymentAsync(
        TaskOrchestrationContext context, string deployment, RunTiming timing, Task<CancelRequest> cancel)
    {
        var schedule = timing.Deployment;
        var giveUpAt = context.CurrentUtcDateTime + schedule.GiveUpAfter;
        var delay = schedule.First;
        var retries = ActivityRetries.For(timing);
        while (true)
        {
            var state = await WorkflowTasks.CheckDeployment.CallAsync(context, deployment, retries);
            if (state.Serving || state.Failed || context.CurrentUtcDateTime >= giveUpAt)
            {
                return state;
            }

            if (!await SleepUnlessCancelledAsync(context, delay, cancel))
            {
                return null;
            }

            delay = schedule.Next(delay);
        }
    }

    /// <returns>False when the cancel event won the race against the timer.</returns>
    private static async Task<bool> SleepUnlessCancelledAsync(TaskOrchestrationContext context, TimeSpan delay, Task<CancelRequest> cancel)
    {
        if (cancel.IsCompleted)
        {
            return false;
        }

        using var stop = new CancellationTokenSource();
        var timer = context.CreateTimer(context.CurrentUtcDateTime + delay, stop.Token);
        var first = await Task.WhenAny(timer, cancel);
        stop.Cancel();
        return first == timer;
    }
}
