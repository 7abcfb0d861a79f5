using DpoPipeline.Workflow.Api;

namespace DpoPipeline.Cli.Runs;

/// <summary>The body of <c>GET /api/runs/{runId}</c>: the run and the links that steer it.</summary>
internal sealed record RunAnswer(RunView Run, IReadOnlyDictionary<string, Uri> Links);
