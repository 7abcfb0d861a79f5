namespace DpoPipeline.Workflow.Starting;

public enum BlobStartKind
{
    Started,

    /// <summary>The same blob version already has a run (Event Grid delivers at least once).</summary>
    Duplicate,

    /// <summary>A sidecar options file, or a <c>.sft.jsonl</c> demonstration file for an SFT stage, is not a dataset.</summary>
    IgnoredSidecar,

    RefusedOptions,
}
