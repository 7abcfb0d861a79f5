namespace DpoPipeline.Workflow.Runs;

/// <summary>Where a run is. Terminal phases are the last value a run's status ever shows.</summary>
public enum RunPhase
{
    Preparing,
    AwaitingApproval,
    WaitingForSupersededRuns,
    Uploading,
    WaitingForFiles,
    /// <summary>Waiting in the quota line for a job or deployment slot; the status's Queue says where and why.</summary>
    Queued,
    CreatingJob,
    Training,
    Deploying,
    WaitingForDeployment,
    Evaluating,
    Reporting,
    Serving,
    TearingDown,

    // Terminal.
    Completed,
    Invalid,
    Rejected,
    Cancelled,
    Failed,
    TimedOut,
    Superseded,
}
