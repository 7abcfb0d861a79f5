namespace DpoPipeline.Workflow.Runs;

/// <summary>Where a sweep variant is; the last three are terminal.</summary>
public enum VariantState
{
    Pending,
    Training,
    Measuring,
    Succeeded,
    Failed,
    Cancelled,
}
