using System.IO.Compression;

namespace DpoPipeline.Core.Datasets.Reading;

/// <summary>Opens a dataset file, looks at its first bytes and picks the reader: gzip, Parquet, JSONL, JSON, CSV.</summary>
internal static class DatasetOpener
{
    private const int SniffBytes = 64 * 1024;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static ReadOnlySpan<byte> Utf16LittleEndianBom => [0xFF, 0xFE];

    private static ReadOnlySpan<byte> Utf16BigEndianBom => [0xFE, 0xFF];

    public static async Task<OpenedDataset> OpenAsync(string path, ValidationOptions options, CancellationToken cancellationToken)
    {
        FileStream raw;
        try
        {
            raw = OpenRaw(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Fatal(path, 0, IssueCodes.UnreadableFile, $"Cannot open the file: {ex.Message}");
        }

        var fileBytes = raw.Length;
        if (fileBytes == 0)
        {
            await raw.DisposeAsync();
            return Fatal(path, 0, IssueCodes.EmptyFile, "The file is empty (0 bytes).");
        }

        var head = new byte[4];
        var headLength = await raw.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        raw.Position = 0;
        var extension = DataExtension(path);

        if (options.Format == DatasetFormat.Parquet || (options.Format is null && head.AsSpan(0, headLength).SequenceEqual("PAR1"u8)))
        {
            await raw.DisposeAsync();
            return new OpenedDataset(path, fileBytes)
            {
                Format = DatasetFormat.Parquet,
                Records = new ParquetRecordSource(path),
            };
        }

        var compressed = headLength >= 2 && head[0] == 0x1F && head[1] == 0x8B;
        var data = Decode(raw, compressed, options);

        var prefix = new byte[SniffBytes];
        int prefixLength;
        try
        {
            prefixLength = await data.ReadAtLeastAsync(prefix, prefix.Length, throwOnEndOfStream: false, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            await data.DisposeAsync();
            return Fatal(path, fileBytes, IssueCodes.UnreadableFile, $"The gzip data is damaged: {ex.Message}");
        }
        catch (DecodedSizeLimitException ex)
        {
            await data.DisposeAsync();
            return Fatal(path, fileBytes, IssueCodes.DecompressedTooLarge, ex.Message);
        }

        var sniffed = prefix.AsMemory(0, prefixLength);
        if (sniffed.Span.StartsWith(Utf16LittleEndianBom) || sniffed.Span.StartsWith(Utf16BigEndianBom))
        {
            await data.DisposeAsync();
            return Fatal(path, fileBytes, IssueCodes.InvalidUtf8, "The file is UTF-16 encoded; the service reads UTF-8 only.");
        }

        if (sniffed.Span.StartsWith(Utf8Bom))
        {
            // A BOM at the very start is tolerated by the service; elsewhere it is an error.
            sniffed = sniffed[3..];
        }

        if (sniffed.Span.StartsWith("version https://git-lfs.github.com/spec/"u8))
        {
            await data.DisposeAsync();
            return Fatal(path, fileBytes, IssueCodes.LfsPointer, "The file is a Git LFS pointer, not the dataset.");
        }

        if (prefixLength < prefix.Length && sniffed.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            await data.DisposeAsync();
            return Fatal(path, fileBytes, IssueCodes.EmptyFile, "The file holds only whitespace.");
        }

        var format = options.Format ?? Detect(sniffed.Span, extension);
        if (format == DatasetFormat.Csv)
        {
            // The CSV reader decodes text itself (BOM included), so it starts again from the first byte.
            await data.DisposeAsync();
            var csv = new CsvRecordSource(path, () => Decode(OpenRaw(path), compressed, options), extension == ".tsv" ? '\t' : null, options.MaxRecordBytes);
            return new OpenedDataset(path, fileBytes) { Format = format, Compressed = compressed, Records = csv, RawPosition = () => csv.DataBytes };
        }

        IRecordFramer framer = format == DatasetFormat.Json ? new JsonStreamFramer(options.MaxRecordBytes) : new JsonLinesFramer(options.MaxRecordBytes);
        return new OpenedDataset(path, fileBytes)
        {
            Format = format,
            Compressed = compressed,
            Records = new FramedRecordSource(path, data, sniffed, framer),
            RawPosition = () => raw.SafeFileHandle.IsClosed ? fileBytes : raw.Position,
        };
    }

    private static FileStream OpenRaw(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);

    private static Stream Decode(FileStream raw, bool compressed, ValidationOptions options) =>
        compressed ? new CappedReadStream(new GZipStream(raw, CompressionMode.Decompress), options.MaxDecompressedBytes) : raw;

    /// <summary>The extension that names the data, looking through ".gz".</summary>
    private static string DataExtension(string path)
    {
        var name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        return Path.GetExtension(name).ToLowerInvariant();
    }

    private static DatasetFormat Detect(ReadOnlySpan<byte> head, string extension)
    {
        var text = head.TrimStart(" \t\r\n"u8);
        if (text.IsEmpty)
        {
            return DatasetFormat.JsonLines;
        }

        switch (text[0])
        {
            case (byte)'[':
                return DatasetFormat.Json;
            case (byte)'{':
                return FirstLineIsComplete(text) ? DatasetFormat.JsonLines : DatasetFormat.Json;
        }

        return extension is ".csv" or ".tsv" || !LooksLikeJson(extension) ? DatasetFormat.Csv : DatasetFormat.JsonLines;
    }

    private static bool LooksLikeJson(string extension) => extension is ".jsonl" or ".json" or ".ndjson";

    /// <summary>True when the first object closes on its first line (JSONL); pretty-printed objects span several lines.</summary>
    private static bool FirstLineIsComplete(ReadOnlySpan<byte> text)
    {
        var newline = text.IndexOf((byte)'\n');
        if (newline < 0)
        {
            return true;
        }

        var depth = 0;
        var inString = false;
        var escaped = false;
        foreach (var b in text[..newline])
        {
            if (inString)
            {
                if (escaped)
                {
                    escaped = false;
                }
                else if (b == (byte)'\\')
                {
                    escaped = true;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }

                continue;
            }

            depth += b switch { (byte)'{' or (byte)'[' => 1, (byte)'}' or (byte)']' => -1, _ => 0 };
            inString = b == (byte)'"';
        }

        return depth <= 0;
    }

    private static OpenedDataset Fatal(string path, long fileBytes, string code, string message) =>
        new(path, fileBytes)
        {
            FatalIssue = new ValidationIssue(path, null, null, code, IssueSeverity.Error, message, IssueCodes.HintFor(code)),
        };
}
