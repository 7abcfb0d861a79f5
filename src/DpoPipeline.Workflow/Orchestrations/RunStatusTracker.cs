using DpoPipeline.Workflow.Runs;
using Microsoft.DurableTask;

namespace DpoPipeline.Workflow.Orchestrations;

/// <summary>
/// Holds a run's status and publishes every change as the orchestration's custom status.
/// Time comes from the orchestration clock, so replays publish identical values. A sweep variant publishes its own
/// status record instead (<paramref name="publish"/>), from what the quota line reports here.
/// </summary>
internal sealed class RunStatusTracker(TaskOrchestrationContext context, RunStatus initial, Action<RunStatus>? publish = null)
{
    private const int MaxErrors = 5;

    public RunStatus Current { get; private set; } = initial;

    public void Enter(RunPhase phase, string? message = null) =>
        Update(s => s with
        {
            Phase = phase,
            Message = message,
            Timeline = [.. s.Timeline, new PhaseEntry(phase, context.CurrentUtcDateTime)],
        });

    public void Update(Func<RunStatus, RunStatus> change)
    {
        Current = change(Current) with { UpdatedAt = context.CurrentUtcDateTime };
        if (publish is null)
        {
            context.SetCustomStatus(Current);
        }
        else
        {
            publish(Current);
        }
    }

    public RunResult Finish(RunOutcome outcome, RunPhase phase, string message, params RunError[] errors)
    {
        Update(s => s with { Errors = [.. s.Errors, .. errors.Take(MaxErrors - s.Errors.Count)] });
        Enter(phase, message);
        return new RunResult(outcome, Current);
    }
}
