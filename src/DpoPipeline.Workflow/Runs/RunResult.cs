namespace DpoPipeline.Workflow.Runs;

/// <summary>The output of a finished run: its outcome and its final status.</summary>
public sealed record RunResult(RunOutcome Outcome, RunStatus Status);
