using System.IO.Compression;
using System.Text;
using DpoPipeline.Core.Datasets;
using Xunit;

namespace DpoPipeline.Core.Tests.Datasets;

/// <summary>Malformed and hostile files are refused with a clear code and line, never a crash, and the good rows still count.</summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Validate_ZeroByteFile_IsEmptyFile()
    {
        var report = await ValidateAsync(_temp.Write("empty.jsonl", []));

        Assert.Equal(IssueCodes.EmptyFile, SingleError(report));
        Assert.Null(report.Issues[0].Line);
    }

    [Fact]
    public async Task Validate_WhitespaceOnlyFile_IsEmptyFile()
    {
        var report = await ValidateAsync(_temp.Write("blank.jsonl", "\n\n  \r\n"));

        Assert.Equal(IssueCodes.EmptyFile, SingleError(report));
    }

    [Fact]
    public async Task Validate_GitLfsPointer_SaysToFetchTheRealFile()
    {
        var pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n";
        var report = await ValidateAsync(_temp.Write("train.jsonl", pointer));

        Assert.Equal(IssueCodes.LfsPointer, SingleError(report));
        Assert.Contains("git lfs pull", report.Issues[0].Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_TruncatedJsonLine_IsInvalidJsonNotNesting()
    {
        var truncated = Examples.Azure(99)[..60];
        var report = await ValidateAsync(_temp.WriteAzure("t.jsonl", 12, truncated));

        Assert.Equal(IssueCodes.InvalidJson, SingleError(report));
        Assert.Equal(13, report.Issues.Single(i => i.Code == IssueCodes.InvalidJson).Line);
        Assert.Equal(12, report.ValidExampleCount);
    }

    [Fact]
    public async Task Validate_DeepNesting_IsNestingTooDeep()
    {
        var deep = "{\"input\":" + new string('[', 5000) + new string(']', 5000) + "}";
        var report = await ValidateAsync(_temp.WriteAzure("deep.jsonl", 12, deep));

        Assert.Equal(IssueCodes.NestingTooDeep, SingleError(report));
    }

    [Fact]
    public async Task Validate_NulByte_IsReportedOnItsLine()
    {
        var withNul = Examples.Azure(50).Replace("Question", "Ques\0tion", StringComparison.Ordinal);
        var report = await ValidateAsync(_temp.WriteAzure("nul.jsonl", 12, withNul));

        Assert.Equal(IssueCodes.NulByte, SingleError(report));
        Assert.Equal(13, report.Issues.Single(i => i.Code == IssueCodes.NulByte).Line);
    }

    [Fact]
    public async Task Validate_BomInTheMiddle_IsAnErrorButALeadingBomIsAccepted()
    {
        var lines = Enumerable.Range(1, 12).Select(Examples.Azure).ToList();
        var midBom = "\uFEFF" + lines[5];
        lines[5] = midBom;
        var report = await ValidateAsync(_temp.Write("mid-bom.jsonl", "\uFEFF" + string.Join("\n", lines)));

        Assert.Equal(IssueCodes.UnexpectedBom, SingleError(report));
        Assert.Equal(6, report.Issues.Single(i => i.Code == IssueCodes.UnexpectedBom).Line);
    }

    [Fact]
    public async Task Validate_CrLfLineEnds_AreAccepted()
    {
        var text = string.Join("\r\n", Enumerable.Range(1, 12).Select(Examples.Azure)) + "\r\n";
        var report = await ValidateAsync(_temp.Write("crlf.jsonl", text));

        Assert.True(report.IsValid);
        Assert.Equal(12, report.ExampleCount);
    }

    [Fact]
    public async Task Validate_InvalidUtf8_IsReportedOnItsLine()
    {
        var bytes = Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Range(1, 12).Select(Examples.Azure)) + "\n")
            .Concat(Encoding.UTF8.GetBytes(Examples.Azure(13)).Select(b => b == (byte)'Q' ? (byte)0xC3 : b))
            .ToArray();
        var report = await ValidateAsync(_temp.Write("latin.jsonl", bytes));

        Assert.Equal(IssueCodes.InvalidUtf8, SingleError(report));
        Assert.Equal(13, report.Issues.Single(i => i.Code == IssueCodes.InvalidUtf8).Line);
    }

    [Fact]
    public async Task Validate_Utf16File_IsRefusedAsNotUtf8()
    {
        var text = string.Join("\n", Enumerable.Range(1, 12).Select(Examples.Azure));
        var report = await ValidateAsync(_temp.Write("utf16.jsonl", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]));

        Assert.Equal(IssueCodes.InvalidUtf8, SingleError(report));
    }

    [Fact]
    public async Task Validate_AbsurdlyLongLine_IsSkippedUnreadAndTheRestIsRead()
    {
        var longLine = "{\"input\":\"" + new string('x', 300_000) + "\"}";
        var path = _temp.WriteAzure("long.jsonl", 6, longLine);
        File.AppendAllText(path, string.Join("\n", Enumerable.Range(7, 6).Select(Examples.Azure)) + "\n");

        var report = await ValidateAsync(path, new ValidationOptions { MaxRecordBytes = 64 * 1024 });

        Assert.Equal(IssueCodes.LineTooLong, SingleError(report));
        Assert.Equal(7, report.Issues.Single(i => i.Code == IssueCodes.LineTooLong).Line);
        Assert.Equal(12, report.ValidExampleCount);
    }

    [Fact]
    public async Task Validate_GzipBomb_StopsAtTheDecompressionCap()
    {
        var path = _temp.File("bomb.jsonl.gz");
        await using (var gzip = new GZipStream(File.Create(path), CompressionLevel.SmallestSize))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++)
            {
                await gzip.WriteAsync(zeros, TestContext.Current.CancellationToken);
            }
        }

        var report = await ValidateAsync(path, new ValidationOptions { MaxDecompressedBytes = 8L << 20 });

        Assert.Contains(IssueCodes.DecompressedTooLarge, report.ErrorCounts.Keys);
        Assert.True(new FileInfo(path).Length < 1 << 20);
    }

    [Fact]
    public async Task Validate_FileAboveTheServiceLimit_IsFileTooLarge()
    {
        var report = await ValidateAsync(_temp.WriteAzure("big.jsonl", 12), new ValidationOptions { MaxFileBytes = 1000 });

        Assert.Equal(IssueCodes.FileTooLarge, SingleError(report));
    }

    [Fact]
    public async Task Validate_MissingFile_IsUnreadableFile()
    {
        var report = await ValidateAsync(_temp.File("nope.jsonl"));

        Assert.Equal(IssueCodes.UnreadableFile, SingleError(report));
    }

    [Fact]
    public async Task Validate_TruncatedJsonArray_IsInvalidJsonAtTheBrokenElement()
    {
        var elements = Enumerable.Range(1, 12).Select(Examples.Trl).ToList();
        var text = "[\n" + string.Join(",\n", elements) + ",\n" + Examples.Trl(13)[..30];
        var report = await ValidateAsync(_temp.Write("cut.json", text));

        Assert.Equal(DatasetFormat.Json, report.Format);
        Assert.Equal(IssueCodes.InvalidJson, SingleError(report));
        Assert.Equal(14, report.Issues.Single(i => i.Code == IssueCodes.InvalidJson).Line);
        Assert.Equal(12, report.ValidExampleCount);
    }

    private static string SingleError(ValidationReport report)
    {
        Assert.False(report.IsValid);
        return Assert.Single(report.ErrorCounts.Keys);
    }

    private static Task<ValidationReport> ValidateAsync(string path, ValidationOptions? options = null) =>
        DatasetValidator.ValidateAsync(path, options ?? new ValidationOptions(), null, TestContext.Current.CancellationToken);
}
