namespace DpoPipeline.Workflow.Runs;

/// <summary>One step of a run's timeline.</summary>
public sealed record PhaseEntry(RunPhase Phase, DateTime At);
