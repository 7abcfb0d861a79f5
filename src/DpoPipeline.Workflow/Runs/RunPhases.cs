namespace DpoPipeline.Workflow.Runs;

public static class RunPhases
{
    /// <summary>True for the phases a run ends in: its status never changes after one.</summary>
    public static bool IsTerminal(this RunPhase phase) => phase >= RunPhase.Completed;
}
