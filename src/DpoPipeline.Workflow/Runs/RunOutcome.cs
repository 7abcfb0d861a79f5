namespace DpoPipeline.Workflow.Runs;

/// <summary>How a run ended.</summary>
public enum RunOutcome
{
    /// <summary>Trained, deployed, reported and, at its TTL, torn down.</summary>
    Completed,

    /// <summary>The dataset failed validation; nothing was uploaded or paid for.</summary>
    Invalid,

    /// <summary>The cost estimate exceeded the budget and nobody approved it in time (or someone refused).</summary>
    Rejected,

    Cancelled,

    /// <summary>The service failed the files, the job or the deployment; the error says which.</summary>
    Failed,

    /// <summary>The job outlived the run's maximum time and was cancelled.</summary>
    TimedOut,

    /// <summary>A newer version of the same dataset started a run that replaced this one (see <c>SupersededBy</c>).</summary>
    Superseded,
}
