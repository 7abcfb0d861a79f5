namespace DpoPipeline.Workflow.Runs;

/// <summary>Where a sweep variant is; the last three are terminal.</summary>
public enum VariantState
{
    Pending,

    /// <summary>Waiting in the quota line for a job or deployment slot (<see cref="VariantResult.Queue"/>).</summary>
    Queued,
    Training,
    Measuring,
    Succeeded,
    Failed,
    Cancelled,
}
