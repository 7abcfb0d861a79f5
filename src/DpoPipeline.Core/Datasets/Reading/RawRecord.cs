namespace DpoPipeline.Core.Datasets.Reading;

/// <summary>
/// One example's bytes inside a <see cref="RecordBatch"/> buffer: JSON text (a JSONL line, an array element, or a
/// CSV/Parquet row rendered as a JSON object). <see cref="Line"/> is 1-based; <see cref="Index"/> counts examples from 0.
/// </summary>
internal readonly record struct RawRecord(int Offset, int Length, long Line, long Index, bool TooLong = false);
