using DpoPipeline.Core.Reports;
using Xunit;

namespace DpoPipeline.Core.Tests.Reports;

public sealed class FolderReportSinkTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Write_NestedName_CreatesFoldersAndReplacesEarlierCopies()
    {
        var sink = new FolderReportSink(_folder.Path);

        await sink.WriteAsync("charts/a.png", new byte[] { 1, 2, 3 }, "image/png", Token);
        var location = await sink.WriteAsync("charts/a.png", new byte[] { 4 }, "image/png", Token);

        Assert.Equal(new Uri(_folder.Combine("charts/a.png")), location);
        Assert.Equal([4], await File.ReadAllBytesAsync(_folder.Combine("charts/a.png"), Token));
        Assert.Equal(["a.png"], Directory.GetFiles(_folder.Combine("charts")).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("../outside.html")]
    [InlineData("charts/../../outside.html")]
    [InlineData("/tmp/outside.html")]
    public async Task Write_NameOutsideTheFolder_IsRejectedAndWritesNothing(string name)
    {
        var sink = new FolderReportSink(_folder.Combine("report"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => sink.WriteAsync(name, new byte[] { 1 }, "text/html", Token));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }
}
