using System.Runtime.CompilerServices;
using CsvHelper;

namespace DpoPipeline.Core.Datasets.Reading;

/// <summary>CSV/TSV with a header row (Hugging Face exports); each row becomes a JSON object keyed by the header.</summary>
internal sealed class CsvRecordSource(string file, Func<Stream> openData, char? separator, int maxRecordBytes) : RecordSource
{
    private CsvReader? _reader;

    public override async IAsyncEnumerable<RecordBatch> ReadBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _reader = CsvReader.Create(openData(), new CsvReaderOptions { Separator = separator, MaxRecordSize = maxRecordBytes, TrackLineNumbers = true }, leaveOpen: false);
        var builder = new RowBatchBuilder();
        while (true)
        {
            bool more;
            try
            {
                more = await _reader.ReadAsync(cancellationToken);
            }
            catch (DecodedSizeLimitException ex)
            {
                Issues.Add(new ValidationIssue(file, null, null, IssueCodes.DecompressedTooLarge, IssueSeverity.Error, ex.Message, IssueCodes.HintFor(IssueCodes.DecompressedTooLarge)));
                more = false;
            }

            if (!more)
            {
                break;
            }

            var headers = _reader.Headers;
            var fields = new KeyValuePair<string, object?>[headers.Count];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = new(headers[i], i < _reader.FieldCount ? _reader.GetString(i) : null);
            }

            builder.AddRow(_reader.LineNumber, fields);
            DataBytes = _reader.ByteOffset;
            if (builder.IsFull)
            {
                yield return builder.TakeBatch();
            }
        }

        if (!builder.IsEmpty)
        {
            yield return builder.TakeBatch();
        }
    }

    public override ValueTask DisposeAsync() => _reader?.DisposeAsync() ?? ValueTask.CompletedTask;
}
