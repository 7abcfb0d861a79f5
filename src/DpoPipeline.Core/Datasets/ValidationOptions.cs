using DpoPipeline.Core.Tokens;

namespace DpoPipeline.Core.Datasets;

/// <summary>How to read and judge a dataset. Every limit exists so hostile input is refused instead of exhausting memory.</summary>
public sealed record ValidationOptions
{
    /// <summary>Base model whose tokenizer and per-example token limit apply.</summary>
    public string BaseModel { get; init; } = ModelTokenProfiles.DefaultModel;

    /// <summary>Force the container format instead of detecting it.</summary>
    public DatasetFormat? Format { get; init; }

    /// <summary>Force the example layout instead of detecting it.</summary>
    public DatasetShape? Shape { get; init; }

    /// <summary>Field mapping for layouts the detector does not know.</summary>
    public ColumnMapping? Mapping { get; init; }

    /// <summary>An optional validation file checked with the main file; prompts found in both are reported.</summary>
    public string? ValidationFile { get; init; }

    public int MaxIssuesPerCode { get; init; } = 20;

    public int MinimumExamples { get; init; } = 10;

    /// <summary>The service refuses files above 512 MB.</summary>
    public long MaxFileBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Cap on the bytes a .gz may expand to (gzip bomb guard).</summary>
    public long MaxDecompressedBytes { get; init; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Longest single example (line) read; longer ones are reported and skipped without being buffered.</summary>
    public int MaxRecordBytes { get; init; } = 8 * 1024 * 1024;

    public int MaxJsonDepth { get; init; } = 64;

    /// <summary>Worker count for parsing and tokenizing; defaults to the processor count.</summary>
    public int? Parallelism { get; init; }
}
