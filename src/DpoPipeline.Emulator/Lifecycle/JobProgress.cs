namespace DpoPipeline.Emulator.Lifecycle;

/// <summary>Where a job stands at one instant, derived by <see cref="JobSchedule"/>.</summary>
internal sealed record JobProgress(
    string Status,
    JobPlan Plan,
    DateTimeOffset ValidatingAt,
    DateTimeOffset QueuedAt,
    JobRun? Run,
    string Outcome,
    DateTimeOffset? OutcomeAt,
    int StepsDone,
    DateTimeOffset? ResultFileCreatedAt)
{
    public bool IsTerminal => JobStatus.IsTerminal(Status);

    public DateTimeOffset? FinishedAt => IsTerminal ? OutcomeAt : null;

    public bool HasStarted(DateTimeOffset now) => Run is not null && Run.Start <= now;

    public bool HasResultFile => ResultFileCreatedAt is not null;
}
