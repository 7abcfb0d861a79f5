using DpoPipeline.Core.Reports;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Workflow.Orchestrations;

/// <summary>
/// Everything the monitor carries across <c>ContinueAsNew</c> generations: small, so each generation
/// starts with a history of one event.
/// </summary>
public sealed record MonitorState
{
    public static readonly TimeSpan FirstInterval = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan MaxInterval = TimeSpan.FromMinutes(15);

    public required string RunId { get; init; }

    public required string JobId { get; init; }

    public required DateTime Deadline { get; init; }

    public TimeSpan Interval { get; init; } = FirstInterval;

    public string? LastStatus { get; init; }

    public string? LastEventId { get; init; }

    public TrainingStepMetrics? LatestMetrics { get; init; }

    public IReadOnlyList<string> RecentEvents { get; init; } = [];

    public int Generation { get; init; }

    public int TotalPolls { get; init; }

    public static MonitorState Start(string runId, string jobId, DateTime deadline) =>
        new() { RunId = runId, JobId = jobId, Deadline = deadline };
}
