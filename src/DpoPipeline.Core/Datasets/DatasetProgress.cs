namespace DpoPipeline.Core.Datasets;

/// <summary>Progress of a pass over a dataset; <see cref="TotalBytes"/> is the file size on disk (compressed for .gz).</summary>
public sealed record DatasetProgress(long BytesRead, long TotalBytes, long Examples);
