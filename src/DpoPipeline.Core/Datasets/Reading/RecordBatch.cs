using System.Buffers;

namespace DpoPipeline.Core.Datasets.Reading;

/// <summary>A run of records sharing one (usually pooled) buffer; the worker that processes it releases it.</summary>
internal sealed class RecordBatch(byte[] buffer, IReadOnlyList<RawRecord> records, bool pooled)
{
    public IReadOnlyList<RawRecord> Records { get; } = records;

    public ReadOnlyMemory<byte> GetMemory(in RawRecord record) => buffer.AsMemory(record.Offset, record.Length);

    public void Release()
    {
        if (pooled)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
