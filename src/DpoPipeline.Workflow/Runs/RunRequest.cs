namespace DpoPipeline.Workflow.Runs;

/// <summary>
/// What starts a run: where the dataset is and the options resolved by the starter. Small on purpose:
/// it travels through orchestration history, so it carries a URI, never the data.
/// </summary>
/// <param name="RunId">Instance id of the run; derived from the blob version for dropped files.</param>
/// <param name="DatasetUri">Blob URI (or file URI for local runs) of the dataset as the user supplied it.</param>
/// <param name="RequestedAt">When the starter accepted the run.</param>
/// <param name="Options">Effective per-run options (sidecar, metadata or request body over configured defaults).</param>
public sealed record RunRequest(string RunId, Uri DatasetUri, DateTimeOffset RequestedAt, RunOptions Options);
