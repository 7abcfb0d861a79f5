using DpoPipeline.Core.Reports;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Workflow.Orchestrations;

/// <summary>The monitor's custom status: the job as last seen, for the status API while the run waits on it.</summary>
public sealed record MonitorStatus(
    string JobId,
    string? JobStatus,
    TrainingStepMetrics? LatestMetrics,
    IReadOnlyList<string> RecentEvents,
    DateTime? NextPollAt,
    int Generation,
    int TotalPolls);
