using DpoPipeline.Workflow.Api;

namespace DpoPipeline.Cli.Runs;

/// <summary>The part of <c>GET /api/runs/{runId}</c> the table shows: the run (its links are in the JSON for scripts).</summary>
internal sealed record RunAnswer(RunView Run);
