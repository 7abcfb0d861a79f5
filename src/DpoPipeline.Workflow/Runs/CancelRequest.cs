namespace DpoPipeline.Workflow.Runs;

/// <param name="SupersededBy">Set when a newer version of the run's dataset started run <c>SupersededBy</c>; the run then ends Superseded.</param>
public sealed record CancelRequest(string? Reason, string? RequestedBy, string? SupersededBy = null);
