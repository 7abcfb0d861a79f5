using System.Buffers;
using System.Runtime.CompilerServices;

namespace DpoPipeline.Core.Datasets.Reading;

/// <summary>
/// Reads JSON text in 1 MiB pooled chunks and cuts it into records with a framer. A batch keeps its chunk until a
/// worker has processed it; only the unfinished tail is copied forward, so memory stays at a few chunks per worker.
/// </summary>
internal sealed class FramedRecordSource(string file, Stream data, ReadOnlyMemory<byte> prefix, IRecordFramer framer) : RecordSource
{
    private const int ChunkSize = 1 << 20;

    public override async IAsyncEnumerable<RecordBatch> ReadBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(ChunkSize, prefix.Length));
        prefix.Span.CopyTo(buffer);
        var filled = prefix.Length;
        DataBytes = prefix.Length;
        var eof = false;
        while (true)
        {
            while (!eof && filled < buffer.Length)
            {
                int read;
                try
                {
                    read = await data.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                }
                catch (DecodedSizeLimitException ex)
                {
                    Issues.Add(new ValidationIssue(file, null, null, IssueCodes.DecompressedTooLarge, IssueSeverity.Error, ex.Message, IssueCodes.HintFor(IssueCodes.DecompressedTooLarge)));
                    ArrayPool<byte>.Shared.Return(buffer);
                    yield break;
                }

                if (read == 0)
                {
                    eof = true;
                }

                filled += read;
                DataBytes += read;
            }

            var records = new List<RawRecord>();
            var consumed = framer.Frame(buffer.AsSpan(0, filled), eof, records);
            var leftover = filled - consumed;
            if (records.Count > 0)
            {
                var next = ArrayPool<byte>.Shared.Rent(Math.Max(ChunkSize, leftover));
                buffer.AsSpan(consumed, leftover).CopyTo(next);
                yield return new RecordBatch(buffer, records, pooled: true);
                buffer = next;
                filled = leftover;
                continue;
            }

            if (eof)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                yield break;
            }

            if (consumed > 0)
            {
                buffer.AsSpan(consumed, leftover).CopyTo(buffer);
                filled = leftover;
                continue;
            }

            // One record is larger than the buffer: grow (the framer stops growth at its record cap).
            var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            buffer.AsSpan(0, filled).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }
    }

    public override ValueTask DisposeAsync() => data.DisposeAsync();
}
