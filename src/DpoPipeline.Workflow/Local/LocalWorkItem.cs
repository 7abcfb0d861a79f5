namespace DpoPipeline.Workflow.Local;

/// <summary>
/// An event waiting for an instance's next episode. Completions belong to the generation that scheduled the work
/// (<see cref="AnyGeneration"/> for external events and termination, which are addressed to the instance).
/// </summary>
internal sealed record LocalWorkItem(int Generation, LocalHistoryEvent Event)
{
    public const int AnyGeneration = -1;
}
