namespace DpoPipeline.Workflow.Starting;

/// <param name="RunId">Null only for an ignored sidecar.</param>
/// <param name="Problems">Why the options were refused, when they were.</param>
public sealed record BlobStartOutcome(string? RunId, BlobStartKind Kind, IReadOnlyList<string> Problems);
