namespace DpoPipeline.Workflow.Runs;

/// <summary>
/// What starts a run: where the dataset is and the options resolved by the starter. Small on purpose:
/// it travels through orchestration history, so it carries a URI, never the data.
/// </summary>
/// <param name="RunId">Instance id of the run; derived from the blob version for dropped files.</param>
/// <param name="DatasetUri">Blob URI (or file URI for local runs) of the dataset as the user supplied it.</param>
/// <param name="RequestedAt">When the starter accepted the run.</param>
/// <param name="Options">Effective per-run options (sidecar, metadata or request body over configured defaults).</param>
/// <param name="DatasetVersion">The version (blob ETag) the run was started for; it reads exactly that one, never a later upload.</param>
/// <param name="Supersedes">Runs of older versions of the same dataset, cancelled for this one; it creates nothing before they have released theirs.</param>
public sealed record RunRequest(
    string RunId, Uri DatasetUri, DateTimeOffset RequestedAt, RunOptions Options, string? DatasetVersion = null, IReadOnlyList<string>? Supersedes = null);
