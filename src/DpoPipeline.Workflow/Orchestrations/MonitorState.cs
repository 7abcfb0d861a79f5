using DpoPipeline.Core.Reports;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Workflow.Orchestrations;

/// <summary>
/// Everything the monitor carries across <c>ContinueAsNew</c> generations: small, so each generation
/// starts with a history of one event.
/// </summary>
public sealed record MonitorState
{
    public required string RunId { get; init; }

    public required string JobId { get; init; }

    public required DateTime Deadline { get; init; }

    /// <summary>The run's intervals: how to poll the job and retry the monitor's activities.</summary>
    public required RunTiming Timing { get; init; }

    public required TimeSpan Interval { get; init; }

    public string? LastStatus { get; init; }

    public string? LastEventId { get; init; }

    public TrainingStepMetrics? LatestMetrics { get; init; }

    public IReadOnlyList<string> RecentEvents { get; init; } = [];

    public int Generation { get; init; }

    public int TotalPolls { get; init; }

    public static MonitorState Start(string runId, string jobId, DateTime deadline, RunTiming timing)
    {
        ArgumentNullException.ThrowIfNull(timing);
        return new() { RunId = runId, JobId = jobId, Deadline = deadline, Timing = timing, Interval = timing.Job.First };
    }
}
