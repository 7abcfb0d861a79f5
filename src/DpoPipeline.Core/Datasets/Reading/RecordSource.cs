namespace DpoPipeline.Core.Datasets.Reading;

/// <summary>Produces a dataset's records in batches, in file order, with memory bounded by the batch size.</summary>
internal abstract class RecordSource : IAsyncDisposable
{
    /// <summary>File-level problems met while reading (e.g. the decompression cap).</summary>
    public List<ValidationIssue> Issues { get; } = [];

    /// <summary>Bytes of decoded data read so far (decompressed for .gz).</summary>
    public long DataBytes { get; protected set; }

    public abstract IAsyncEnumerable<RecordBatch> ReadBatchesAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}
