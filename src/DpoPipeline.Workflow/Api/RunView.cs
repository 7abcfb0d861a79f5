using DpoPipeline.Workflow.Orchestrations;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Workflow.Api;

/// <summary>A run as the status API shows it: Durable's runtime view plus the run's own status.</summary>
/// <param name="RuntimeStatus">Durable's status (Running, Completed, Failed, Terminated, …).</param>
/// <param name="Status">The run's phase, job, metrics, deployment, report and errors; null before the run first reports.</param>
/// <param name="Outcome">Set once the run has ended.</param>
/// <param name="Failure">Set when the orchestration itself failed (a bug or an exhausted retry outside a step).</param>
/// <param name="Job">While the job trains: its status, latest metrics, newest events and next poll, from the monitor.</param>
public sealed record RunView(
    string RunId,
    string RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    RunStatus? Status,
    RunOutcome? Outcome,
    string? Failure,
    MonitorStatus? Job = null);
