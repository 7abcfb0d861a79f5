using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Workflow.Orchestrations;

/// <summary>How a run is about to end, decided before it releases what it holds and publishes its final status.</summary>
internal sealed record RunEnding(RunOutcome Outcome, RunPhase Phase, string Message, IReadOnlyList<RunError> Errors)
{
    public static RunEnding Failed(string message, params RunError[] errors) => new(RunOutcome.Failed, RunPhase.Failed, message, errors);

    public static RunEnding Completed(string message) => new(RunOutcome.Completed, RunPhase.Completed, message, []);

    /// <summary>A cancel request ends the run Cancelled, or Superseded when a newer version of its dataset sent it.</summary>
    public static RunEnding From(CancelRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.SupersededBy is { } newer
            ? new(RunOutcome.Superseded, RunPhase.Superseded, $"Superseded by run {newer}: a newer version of the dataset arrived.", [])
            : new(
                RunOutcome.Cancelled,
                RunPhase.Cancelled,
                $"Cancelled{(request.RequestedBy is null ? string.Empty : $" by {request.RequestedBy}")}: {request.Reason ?? "no reason given"}.",
                []);
    }
}
