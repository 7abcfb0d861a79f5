namespace DpoPipeline.Workflow.Orchestrations;

public enum JobOutcomeKind
{
    Succeeded,
    Failed,
    Cancelled,
    TimedOut,
}
