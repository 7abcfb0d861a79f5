using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Core.Reports;
using DpoPipeline.Core.FineTuning;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Workflow.Activities;

/// <summary>
/// One poll of a job for the monitor: status, the newest checkpoint's metrics and the events since the last poll
/// (a few, as short strings, so custom status stays small).
/// </summary>
public sealed class GetJobSnapshot(FineTuningServiceClient service) : IWorkflowActivity<JobSnapshotRequest, JobSnapshot>
{
    private const int EventsPerPoll = 20;
    private const int EventTextLength = 200;

    public async Task<JobSnapshot> RunAsync(JobSnapshotRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var job = await service.GetJobAsync(request.JobId, cancellationToken);
        var events = await service.ListEventsAsync(request.JobId, limit: EventsPerPoll, cancellationToken: cancellationToken);
        var checkpoints = await service.ListCheckpointsAsync(request.JobId, limit: 1, cancellationToken: cancellationToken);

        // Events come newest first; everything before the last one already surfaced is new.
        var fresh = events.Data.TakeWhile(e => e.Id != request.AfterEventId).Reverse().ToList();
        return new JobSnapshot
        {
            Status = job.RawStatus ?? "unknown",
            IsTerminal = job.Status is FineTuningJobStatus.Succeeded or FineTuningJobStatus.Failed or FineTuningJobStatus.Cancelled,
            FineTunedModel = job.FineTunedModel,
            Error = job.Error is { IsEmpty: false } error ? new RunError(error.Code ?? "job_failed", error.Message ?? "The job failed.", error.Param) : null,
            TrainedTokens = job.TrainedTokens,
            LatestMetrics = checkpoints.Data.FirstOrDefault() is { Metrics: { } m, StepNumber: var step }
                ? new TrainingStepMetrics(step ?? (int)(m.Step ?? 0), m.TrainLoss, m.FullValidLoss ?? m.ValidLoss, m.TrainMeanTokenAccuracy,
                    m.FullValidMeanTokenAccuracy ?? m.ValidMeanTokenAccuracy)
                : null,
            NewEvents = [.. fresh.Select(e => Shorten(e.Message ?? e.Type ?? e.Id))],
            LastEventId = events.Data.FirstOrDefault()?.Id ?? request.AfterEventId,
        };
    }

    private static string Shorten(string text) => text.Length <= EventTextLength ? text : text[..(EventTextLength - 1)] + "…";
}
