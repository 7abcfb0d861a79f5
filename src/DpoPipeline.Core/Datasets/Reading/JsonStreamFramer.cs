namespace DpoPipeline.Core.Datasets.Reading;

/// <summary>
/// Records of a JSON array (`[{…}, {…}]`) or of JSON values written one after another (pretty-printed objects in a
/// ".jsonl"). Scans bytes without recursion, so deep nesting costs nothing here; the parser's depth limit reports it.
/// </summary>
internal sealed class JsonStreamFramer(int maxRecordBytes) : IRecordFramer
{
    private enum Layout { Unknown, Array, Concatenated }

    private Layout _layout;
    private long _linesDone;
    private long _index;
    private bool _abandoned;

    public int Frame(ReadOnlySpan<byte> data, bool isFinal, List<RawRecord> records)
    {
        if (_abandoned)
        {
            return data.Length;
        }

        var pos = 0;
        var lines = _linesDone;
        while (true)
        {
            pos = SkipSeparators(data, pos, ref lines);
            if (pos >= data.Length)
            {
                _linesDone = lines;
                return data.Length;
            }

            var start = pos;
            var startLine = lines + 1;
            var valueLines = lines;
            var end = ScanValue(data, start, ref valueLines);
            if (end < 0)
            {
                if (isFinal)
                {
                    records.Add(new RawRecord(start, data.Length - start, startLine, _index++));
                    _linesDone = valueLines;
                    return data.Length;
                }

                if (data.Length - start >= maxRecordBytes)
                {
                    // A JSON value cannot be resynchronised after an unread middle: report it and stop reading.
                    records.Add(new RawRecord(start, 0, startLine, _index++, TooLong: true));
                    _abandoned = true;
                    return data.Length;
                }

                _linesDone = lines;
                return start;
            }

            records.Add(end - start > maxRecordBytes
                ? new RawRecord(start, 0, startLine, _index++, TooLong: true)
                : new RawRecord(start, end - start, startLine, _index++));
            lines = valueLines;
            pos = end;
        }
    }

    private int SkipSeparators(ReadOnlySpan<byte> data, int pos, ref long lines)
    {
        for (; pos < data.Length; pos++)
        {
            var b = data[pos];
            switch (b)
            {
                case (byte)'\n':
                    lines++;
                    continue;
                case (byte)' ' or (byte)'\t' or (byte)'\r':
                    continue;
                case (byte)'[' when _layout == Layout.Unknown:
                    _layout = Layout.Array;
                    continue;
                case (byte)',' or (byte)']' when _layout == Layout.Array:
                    continue;
                default:
                    if (_layout == Layout.Unknown)
                    {
                        _layout = Layout.Concatenated;
                    }

                    return pos;
            }
        }

        return pos;
    }

    /// <summary>Returns the end (exclusive) of the value starting at <paramref name="start"/>, or -1 when it continues past the data.</summary>
    private static int ScanValue(ReadOnlySpan<byte> data, int start, ref long lines)
    {
        var first = data[start];
        if (first is not ((byte)'{' or (byte)'[' or (byte)'"'))
        {
            // A bare literal: runs to the next separator.
            for (var i = start; i < data.Length; i++)
            {
                var b = data[i];
                if (b is (byte)',' or (byte)']' or (byte)'\n' or (byte)' ' or (byte)'\t' or (byte)'\r')
                {
                    return i;
                }
            }

            return -1;
        }

        var depth = 0;
        var inString = false;
        for (var i = start; i < data.Length; i++)
        {
            var b = data[i];
            if (inString)
            {
                if (b == (byte)'\\')
                {
                    i++;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                    if (depth == 0)
                    {
                        return i + 1;
                    }
                }
                else if (b == (byte)'\n')
                {
                    lines++;
                }

                continue;
            }

            switch (b)
            {
                case (byte)'"':
                    inString = true;
                    break;
                case (byte)'{' or (byte)'[':
                    depth++;
                    break;
                case (byte)'}' or (byte)']':
                    depth--;
                    if (depth == 0)
                    {
                        return i + 1;
                    }

                    break;
                case (byte)'\n':
                    lines++;
                    break;
            }
        }

        return -1;
    }
}
