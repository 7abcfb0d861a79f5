using DpoPipeline.Emulator.State;

namespace DpoPipeline.Emulator.Lifecycle;

/// <summary>
/// Derives every job's status at an instant from creation times, pause/resume/cancel requests and the durations.
/// Jobs take the running slots (quota: 1 per resource) in creation order; a job waits in <c>queued</c> until one is free.
/// Pure: the same facts and instant always give the same answer, which is what lets a fake clock drive everything.
/// </summary>
internal static class JobSchedule
{
    public static IReadOnlyDictionary<string, JobProgress> Compute(IReadOnlyList<StoredJob> jobs, EmulatorOptions options, DateTimeOffset now)
    {
        var durations = options.Durations;
        var slotsFreeAt = Enumerable.Repeat(DateTimeOffset.MinValue, options.Quotas.MaxRunningJobs).ToArray();
        var result = new Dictionary<string, JobProgress>(StringComparer.Ordinal);
        foreach (var job in jobs)
        {
            var validatingAt = job.CreatedAt + options.Scaled(durations.JobPending);
            var queuedAt = validatingAt + options.Scaled(durations.JobValidatingFiles);
            var readyAt = queuedAt + options.Scaled(durations.JobQueued);
            var slot = Array.IndexOf(slotsFreeAt, slotsFreeAt.Min());
            var start = Later(readyAt, slotsFreeAt[slot]);
            var cancelledAt = job.CancelledAt;

            JobRun? run = null;
            var outcome = JobStatus.Cancelled;
            var outcomeAt = cancelledAt;
            if (start != DateTimeOffset.MaxValue && (cancelledAt is null || cancelledAt > start))
            {
                run = new JobRun(start, options.Scaled(durations.JobRunning), Pauses(job, options));
                var natural = run.WallTimeAt(job.FailMidway ? run.Length * options.FailMidwayFraction : run.Length);
                if (cancelledAt is null || natural <= cancelledAt)
                {
                    outcome = job.FailMidway ? JobStatus.Failed : JobStatus.Succeeded;
                    outcomeAt = natural;
                }

                slotsFreeAt[slot] = outcomeAt ?? DateTimeOffset.MaxValue;
            }

            result[job.Id] = Describe(job, now, validatingAt, queuedAt, run, outcome, outcomeAt);
        }

        return result;
    }

    private static JobProgress Describe(
        StoredJob job, DateTimeOffset now, DateTimeOffset validatingAt, DateTimeOffset queuedAt, JobRun? run, string outcome, DateTimeOffset? outcomeAt)
    {
        var plan = JobPlan.For(job);
        var ended = outcomeAt is { } end && end <= now;
        var status = ended ? outcome
            : now < validatingAt ? JobStatus.Pending
            : now < queuedAt ? JobStatus.ValidatingFiles
            : run is null || now < run.Start ? JobStatus.Queued
            : PauseStatus(run.PauseAt(now), now);

        var steps = 0;
        DateTimeOffset? resultFileAt = null;
        if (run is not null)
        {
            var until = ended ? outcomeAt!.Value : now;
            steps = ended && outcome == JobStatus.Succeeded
                ? plan.TotalSteps
                : (int)Math.Floor(run.ProgressAt(until).Ticks / (double)run.Length.Ticks * plan.TotalSteps);
            steps = Math.Min(steps, plan.TotalSteps);

            // Azure attaches the results file once a job has been paused (recorded) or has succeeded.
            resultFileAt = run.Pauses.Select(p => p.PausedReachedAt).Where(t => t <= until).Cast<DateTimeOffset?>().FirstOrDefault();
            if (resultFileAt is null && ended && outcome == JobStatus.Succeeded)
            {
                resultFileAt = outcomeAt;
            }
        }

        return new JobProgress(status, plan, validatingAt, queuedAt, run, outcome, outcomeAt, steps, resultFileAt);
    }

    private static string PauseStatus(JobPause? pause, DateTimeOffset now) => pause switch
    {
        null => JobStatus.Running,
        _ when now < pause.PausedReachedAt => JobStatus.Pausing,
        _ when pause.ResumedAt is null || now < pause.ResumedAt => JobStatus.Paused,
        _ => JobStatus.Resuming,
    };

    private static List<JobPause> Pauses(StoredJob job, EmulatorOptions options)
    {
        var pauses = new List<JobPause>();
        foreach (var control in job.Controls)
        {
            if (control.Kind == JobControlKind.Pause)
            {
                pauses.Add(new JobPause(control.At, null, options.Scaled(options.Durations.JobPausing), options.Scaled(options.Durations.JobResuming)));
            }
            else if (control.Kind == JobControlKind.Resume && pauses.Count > 0 && pauses[^1].ResumedAt is null)
            {
                pauses[^1] = pauses[^1] with { ResumedAt = control.At };
            }
        }

        return pauses;
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
