namespace DpoPipeline.Workflow.Runs;

/// <summary>What a run released when it ended: jobs it cancelled, files and deployments it deleted (ids and names).</summary>
public sealed record RunCleanup(IReadOnlyList<string> CancelledJobs, IReadOnlyList<string> DeletedFiles, IReadOnlyList<string> DeletedDeployments);
