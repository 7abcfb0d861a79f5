namespace DpoPipeline.Workflow.Api;

/// <summary>One page of runs; <see cref="ContinuationToken"/> is null on the last page.</summary>
public sealed record RunPage(IReadOnlyList<RunView> Runs, string? ContinuationToken);
