namespace DpoPipeline.Core.Datasets.Reading;

/// <summary>One record per line (LF or CRLF). Blank lines are skipped; a line longer than the cap is reported and skipped unread.</summary>
internal sealed class JsonLinesFramer(int maxRecordBytes) : IRecordFramer
{
    private long _linesDone;
    private long _index;
    private bool _skippingLongLine;

    public int Frame(ReadOnlySpan<byte> data, bool isFinal, List<RawRecord> records)
    {
        var pos = 0;
        if (_skippingLongLine)
        {
            var end = data.IndexOf((byte)'\n');
            if (end < 0)
            {
                _skippingLongLine = !isFinal;
                return data.Length;
            }

            _linesDone++;
            _skippingLongLine = false;
            pos = end + 1;
        }

        while (pos < data.Length)
        {
            var rest = data[pos..];
            var newline = rest.IndexOf((byte)'\n');
            if (newline < 0)
            {
                if (isFinal)
                {
                    AddLine(rest, pos, records);
                    return data.Length;
                }

                if (rest.Length >= maxRecordBytes)
                {
                    records.Add(new RawRecord(pos, 0, _linesDone + 1, _index++, TooLong: true));
                    _skippingLongLine = true;
                    return data.Length;
                }

                break;
            }

            AddLine(rest[..newline], pos, records);
            _linesDone++;
            pos += newline + 1;
        }

        return pos;
    }

    private void AddLine(ReadOnlySpan<byte> line, int offset, List<RawRecord> records)
    {
        var length = line.Length;
        if (length > 0 && line[length - 1] == (byte)'\r')
        {
            length--;
        }

        if (line[..length].Trim(" \t"u8).IsEmpty)
        {
            return;
        }

        records.Add(length > maxRecordBytes
            ? new RawRecord(offset, 0, _linesDone + 1, _index++, TooLong: true)
            : new RawRecord(offset, length, _linesDone + 1, _index++));
    }
}
