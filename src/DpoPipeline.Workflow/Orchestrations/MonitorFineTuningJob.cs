using DpoPipeline.Workflow.Activities;
using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Workflow.Runs;
using Microsoft.DurableTask;

namespace DpoPipeline.Workflow.Orchestrations;

/// <summary>
/// Watches one fine-tuning job until it ends. Polls with durable timers and capped exponential backoff
/// (the run's <see cref="RunTiming.Job"/> schedule, 1 → 15 minutes in Azure, reset whenever the status changes), and restarts itself with <c>ContinueAsNew</c> every
/// <see cref="PollsPerGeneration"/> polls so a job queued for days keeps a short history.
/// Pause, resume and cancel arrive as <see cref="RunEvents.JobControl"/> events.
/// </summary>
public static class MonitorFineTuningJob
{
    public const int PollsPerGeneration = 20;

    private const int RecentEventsKept = 5;

    /// <returns>The job's outcome, or null when this generation continued as new.</returns>
    public static async Task<JobOutcome?> RunAsync(TaskOrchestrationContext context, MonitorState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        Task<JobControlRequest>? control = null;
        var retries = ActivityRetries.For(state.Timing);

        for (var poll = 0; poll < PollsPerGeneration; poll++)
        {
            var snapshot = await WorkflowTasks.GetJobSnapshot.CallAsync(
                context, new JobSnapshotRequest(state.JobId, state.LastEventId), retries);
            state = Observe(state, snapshot);

            if (snapshot.IsTerminal)
            {
                Publish(context, state, nextPollAt: null);
                return Outcome(snapshot, state);
            }

            if (context.CurrentUtcDateTime >= state.Deadline)
            {
                await WorkflowTasks.ControlFineTuningJob.CallAsync(
                    context, new JobControlInput(state.JobId, JobControlAction.Cancel), retries);
                Publish(context, state, nextPollAt: null);
                return new JobOutcome(
                    JobOutcomeKind.TimedOut, snapshot.Status, null,
                    new RunError("max_run_time_exceeded", $"The job was not done by {state.Deadline:u} and was cancelled."),
                    state.LatestMetrics, snapshot.TrainedTokens);
            }

            var fireAt = context.CurrentUtcDateTime + state.Interval;
            Publish(context, state, fireAt);

            // One waiter at a time: a new waiter per loop would queue up and swallow later events.
            control ??= context.WaitForExternalEvent<JobControlRequest>(RunEvents.JobControl);
            using var stop = new CancellationTokenSource();
            var timer = context.CreateTimer(fireAt, stop.Token);
            if (await Task.WhenAny(timer, control) == control)
            {
                stop.Cancel();
                var request = control.Result;
                control = null;
                await WorkflowTasks.ControlFineTuningJob.CallAsync(context, new JobControlInput(state.JobId, request.Action), retries);
                state = state with { Interval = state.Timing.Job.First };
            }
        }

        context.ContinueAsNew(state with { Generation = state.Generation + 1 });
        return null;
    }

    private static MonitorState Observe(MonitorState state, JobSnapshot snapshot)
    {
        var changed = !string.Equals(snapshot.Status, state.LastStatus, StringComparison.Ordinal);
        return state with
        {
            LastStatus = snapshot.Status,
            LastEventId = snapshot.LastEventId ?? state.LastEventId,
            LatestMetrics = snapshot.LatestMetrics ?? state.LatestMetrics,
            RecentEvents = [.. state.RecentEvents.Concat(snapshot.NewEvents).TakeLast(RecentEventsKept)],
            Interval = changed || state.TotalPolls == 0 ? state.Timing.Job.First : state.Timing.Job.Next(state.Interval),
            TotalPolls = state.TotalPolls + 1,
        };
    }

    private static void Publish(TaskOrchestrationContext context, MonitorState state, DateTime? nextPollAt) =>
        context.SetCustomStatus(new MonitorStatus(
            state.JobId, state.LastStatus, state.LatestMetrics, state.RecentEvents, nextPollAt, state.Generation, state.TotalPolls));

    private static JobOutcome Outcome(JobSnapshot snapshot, MonitorState state)
    {
        var kind = snapshot.Status switch
        {
            "succeeded" when snapshot.FineTunedModel is not null => JobOutcomeKind.Succeeded,
            "cancelled" => JobOutcomeKind.Cancelled,
            _ => JobOutcomeKind.Failed,
        };
        var error = kind == JobOutcomeKind.Failed
            ? snapshot.Error ?? new RunError("job_failed", $"The job ended as '{snapshot.Status}' without a fine-tuned model.")
            : null;
        return new JobOutcome(kind, snapshot.Status, snapshot.FineTunedModel, error, state.LatestMetrics, snapshot.TrainedTokens);
    }
}
