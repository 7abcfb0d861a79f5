namespace DpoPipeline.Core.Datasets.Reading;

/// <summary>A dataset file after sniffing: its format and a record source, or the file-level reason it cannot be read.</summary>
internal sealed class OpenedDataset(string file, long fileBytes) : IAsyncDisposable
{
    public string File { get; } = file;

    public long FileBytes { get; } = fileBytes;

    public DatasetFormat? Format { get; init; }

    public bool Compressed { get; init; }

    public RecordSource? Records { get; init; }

    /// <summary>Set when nothing can be read (empty file, LFS pointer, UTF-16, missing file).</summary>
    public ValidationIssue? FatalIssue { get; init; }

    /// <summary>Position in the file on disk, for progress (compressed bytes for .gz).</summary>
    public Func<long> RawPosition { get; init; } = () => 0;

    public ValueTask DisposeAsync() => Records?.DisposeAsync() ?? ValueTask.CompletedTask;
}
