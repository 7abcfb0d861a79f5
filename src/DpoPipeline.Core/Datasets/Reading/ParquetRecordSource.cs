using System.Runtime.CompilerServices;
using Parquet.Serialization;

namespace DpoPipeline.Core.Datasets.Reading;

/// <summary>Parquet (Hugging Face hub exports), read one row group at a time so memory follows the row group size, not the file.</summary>
internal sealed class ParquetRecordSource(string file) : RecordSource
{
    private FileStream? _stream;

    public override async IAsyncEnumerable<RecordBatch> ReadBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
        int rowGroups;
        await using (var reader = await Parquet.ParquetReader.CreateAsync(_stream, null, leaveStreamOpen: true, cancellationToken))
        {
            rowGroups = reader.RowGroupCount;
        }

        var builder = new RowBatchBuilder();
        long row = 0;
        for (var group = 0; group < rowGroups; group++)
        {
            _stream.Position = 0;
            var result = await ParquetSerializer.DeserializeUntypedAsync(_stream, null, group, cancellationToken);
            foreach (var values in result.Data)
            {
                row++;
                builder.AddRow(row, values.Select(kv => new KeyValuePair<string, object?>(kv.Key, kv.Value)));
                if (builder.IsFull)
                {
                    yield return builder.TakeBatch();
                }
            }

            DataBytes = _stream.Position;
        }

        if (!builder.IsEmpty)
        {
            yield return builder.TakeBatch();
        }
    }

    public override ValueTask DisposeAsync() => _stream?.DisposeAsync() ?? ValueTask.CompletedTask;
}
