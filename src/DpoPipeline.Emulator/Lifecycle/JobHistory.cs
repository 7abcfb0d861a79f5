using System.Globalization;
using System.Text;
using DpoPipeline.Emulator.State;

namespace DpoPipeline.Emulator.Lifecycle;

/// <summary>Events, checkpoints and the results CSV of a job as they stand at an instant, derived from its progress.</summary>
internal static class JobHistory
{
    /// <summary>Azure keeps the checkpoints of the last three epochs.</summary>
    private const int CheckpointsKept = 3;
    private const int StepEventsPerRun = 10;

    public static JobFailure MidwayFailure { get; } =
        new("internal_error", "The job failed due to an internal error during training. Please retry the job.");

    /// <summary>Events newest first, as the service lists them.</summary>
    public static IReadOnlyList<JobEvent> Events(StoredJob job, JobProgress progress, DateTimeOffset now)
    {
        var events = new List<(string Key, DateTimeOffset At, string Level, string Message)>
        {
            ("validating-training", progress.ValidatingAt, "info", $"Validating training file: {job.TrainingFile}"),
        };
        if (job.ValidationFile is not null)
        {
            events.Add(("validating-validation", progress.ValidatingAt, "info", $"Validating validation file: {job.ValidationFile}"));
        }

        events.Add(("queued", progress.QueuedAt, "info", "Job enqueued. Waiting for jobs ahead to complete."));
        if (progress.Plan.LearningRateMultiplier < 0.1)
        {
            events.Add(("low-lr", progress.QueuedAt, "warning", string.Create(CultureInfo.InvariantCulture, $"Training may be less effective due to low specified learning rate multiplier {progress.Plan.LearningRateMultiplier}.")));
        }

        if (progress.Run is { } run)
        {
            events.Add(("started", run.Start, "info", "Job started."));
            AddStepEvents(events, job, progress, run);
            AddPauseEvents(events, run);
        }

        if (progress.IsTerminal)
        {
            AddOutcomeEvents(events, job, progress);
        }

        // A job that ended early (cancelled while pending, say) has no events after its end.
        var until = progress.FinishedAt ?? now;
        return events
            .Select((e, order) => (e, order))
            .Where(x => x.e.At <= until)
            .OrderByDescending(x => x.e.At)
            .ThenByDescending(x => x.order)
            .Select(x => new JobEvent(Ids.Derived("ftevent-", job.Id, x.e.Key), x.e.At, x.e.Level, x.e.Message))
            .ToList();
    }

    /// <summary>Checkpoints newest first.</summary>
    public static IReadOnlyList<JobCheckpoint> Checkpoints(StoredJob job, JobProgress progress)
    {
        if (progress.Run is not { } run)
        {
            return [];
        }

        var plan = progress.Plan;
        var model = job.FineTunedModelName;
        return Enumerable.Range(1, plan.NEpochs)
            .Select(epoch => epoch * plan.StepsPerEpoch)
            .Where(step => step <= progress.StepsDone)
            .Reverse()
            .Take(CheckpointsKept)
            .Select(step => new JobCheckpoint(
                Ids.Derived("ftchkpt-", job.Id, step.ToString(CultureInfo.InvariantCulture)),
                StepTime(run, plan, step),
                step == plan.TotalSteps ? model : $"{model}:ckpt-step-{step}",
                step,
                StepMetrics.For(job, plan, step)))
            .ToList();
    }

    public static string ResultsCsv(StoredJob job, JobProgress progress)
    {
        var csv = new StringBuilder(StepMetrics.CsvHeader).Append('\n');
        if (progress.Run is { } run)
        {
            for (var step = 1; step <= progress.StepsDone; step++)
            {
                csv.Append(StepMetrics.For(job, progress.Plan, step).ToCsvRow(StepTime(run, progress.Plan, step))).Append('\n');
            }
        }

        return csv.ToString();
    }

    public static long TrainedTokens(StoredJob job, JobProgress progress) => job.TrainingTokens * progress.Plan.NEpochs;

    private static DateTimeOffset StepTime(JobRun run, JobPlan plan, int step) =>
        run.WallTimeAt(run.Length * (step / (double)plan.TotalSteps));

    private static void AddStepEvents(List<(string, DateTimeOffset, string, string)> events, StoredJob job, JobProgress progress, JobRun run)
    {
        var plan = progress.Plan;
        var every = Math.Max(1, plan.TotalSteps / StepEventsPerRun);
        for (var step = every; step <= progress.StepsDone; step += every)
        {
            var loss = StepMetrics.For(job, plan, step).TrainLoss;
            events.Add(($"step-{step}", StepTime(run, plan, step), "info", string.Create(CultureInfo.InvariantCulture, $"Step {step}/{plan.TotalSteps}: training loss={loss:0.####}")));
        }

        for (var step = plan.StepsPerEpoch; step <= progress.StepsDone; step += plan.StepsPerEpoch)
        {
            events.Add(($"checkpoint-{step}", StepTime(run, plan, step), "info", $"Checkpoint created at step {step}."));
        }
    }

    private static void AddPauseEvents(List<(string, DateTimeOffset, string, string)> events, JobRun run)
    {
        for (var i = 0; i < run.Pauses.Count; i++)
        {
            var pause = run.Pauses[i];
            events.Add(($"pausing-{i}", pause.PausedAt, "info", "Job pausing."));
            events.Add(($"paused-{i}", pause.PausedReachedAt, "info", "Job paused."));
            if (pause.ResumedAt is { } resumed)
            {
                events.Add(($"resuming-{i}", resumed, "info", "Job resuming."));
                events.Add(($"resumed-{i}", pause.FrozenUntil, "info", "Job resumed."));
            }
        }
    }

    private static void AddOutcomeEvents(List<(string, DateTimeOffset, string, string)> events, StoredJob job, JobProgress progress)
    {
        var at = progress.OutcomeAt!.Value;
        switch (progress.Status)
        {
            case JobStatus.Succeeded:
                events.Add(("billed", at, "info", string.Create(CultureInfo.InvariantCulture, $"Training tokens billed: {TrainedTokens(job, progress)}")));
                events.Add(("results", at, "info", $"Completed results file: {job.ResultFileId}"));
                events.Add(("evaluation", at, "info", "Model Evaluation Passed."));
                events.Add(("succeeded", at, "info", "Job succeeded."));
                break;
            case JobStatus.Failed:
                events.Add(("failed", at, "error", MidwayFailure.Message));
                break;
            default:
                events.Add(("cancelled", at, "info", "Job cancelled."));
                break;
        }
    }
}
