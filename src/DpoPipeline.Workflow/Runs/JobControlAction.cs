namespace DpoPipeline.Workflow.Runs;

public enum JobControlAction
{
    Pause,
    Resume,
    Cancel,
}
