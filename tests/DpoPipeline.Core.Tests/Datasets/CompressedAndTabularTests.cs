using System.IO.Compression;
using System.Text;
using DpoPipeline.Core.Datasets;
using Xunit;

namespace DpoPipeline.Core.Tests.Datasets;

/// <summary>gzip of every text format, TSV, and a damaged gzip stream.</summary>
public sealed class CompressedAndTabularTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("pairs.json.gz", DatasetFormat.Json)]
    [InlineData("pairs.csv.gz", DatasetFormat.Csv)]
    [InlineData("pairs.tsv", DatasetFormat.Csv)]
    [InlineData("pairs.jsonl.gz", DatasetFormat.JsonLines)]
    public async Task Validate_FormatVariants_ReadEveryExample(string name, DatasetFormat format)
    {
        var text = name switch
        {
            _ when name.StartsWith("pairs.json.", StringComparison.Ordinal) => "[" + string.Join(",", Enumerable.Range(1, 12).Select(Examples.Trl)) + "]",
            _ when name.Contains(".csv", StringComparison.Ordinal) => "prompt,chosen,rejected\n" + string.Join("\n", Enumerable.Range(1, 12).Select(i => $"Q{i},Yes {i},No {i}")),
            _ when name.EndsWith(".tsv", StringComparison.Ordinal) => "prompt\tchosen\trejected\n" + string.Join("\n", Enumerable.Range(1, 12).Select(i => $"Q, {i}\tYes, {i}\tNo {i}")),
            _ => string.Join("\n", Enumerable.Range(1, 12).Select(Examples.Trl)),
        };
        var bytes = Encoding.UTF8.GetBytes(text);
        var path = name.EndsWith(".gz", StringComparison.Ordinal) ? _temp.Write(name, Gzip(bytes)) : _temp.Write(name, bytes);

        var report = await DatasetValidator.ValidateAsync(path, new ValidationOptions(), null, TestContext.Current.CancellationToken);

        Assert.True(report.IsValid, string.Join("; ", report.Issues.Select(i => i.Message)));
        Assert.Equal(format, report.Format);
        Assert.Equal(name.EndsWith(".gz", StringComparison.Ordinal), report.Compressed);
        Assert.Equal(12, report.ExampleCount);
        Assert.Equal(DatasetShape.TrlStandard, report.Shape);
    }

    [Fact]
    public async Task Validate_TruncatedGzip_ReportsTheCutLineAndKeepsTheRest()
    {
        var whole = Gzip(Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Range(1, 5000).Select(Examples.Azure))));
        var path = _temp.Write("cut.jsonl.gz", whole[..(whole.Length / 2)]);

        var report = await DatasetValidator.ValidateAsync(path, new ValidationOptions(), null, TestContext.Current.CancellationToken);

        // GZipStream ends quietly at a cut, so the cut shows as a broken last line.
        Assert.False(report.IsValid);
        Assert.Equal(IssueCodes.InvalidJson, Assert.Single(report.ErrorCounts.Keys));
        Assert.InRange(report.ValidExampleCount, 1, 4999);
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }
}
