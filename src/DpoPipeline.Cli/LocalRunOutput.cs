using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Cli;

/// <summary>What `dpo run` reports at the end (the summary table, or JSON with --json): the run, and who served it.</summary>
/// <param name="Service">E.g. "built-in emulator (clock ×1000)" or "Azure at https://…".</param>
/// <param name="Emulated">True when an emulator served the run: its figures test the pipeline and measure no model.</param>
internal sealed record LocalRunOutput(RunOutcome Outcome, RunStatus Status, string Service, bool Emulated);
