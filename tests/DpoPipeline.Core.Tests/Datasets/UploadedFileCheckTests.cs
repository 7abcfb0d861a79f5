using System.Text;
using DpoPipeline.Core.Datasets;
using Xunit;

namespace DpoPipeline.Core.Tests.Datasets;

public sealed class UploadedFileCheckTests
{
    [Fact]
    public async Task FirstError_ValidAzureFile_IsNull()
    {
        await using var content = File.OpenRead(TestData.Dataset("azure-gpt4o-dpo-train-200.jsonl"));

        Assert.Null(await UploadedFileCheck.FirstError(content, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task FirstError_BrokenLine_IsWordedLikeTheServiceWithZeroBasedLine()
    {
        var text = string.Join("\n", Enumerable.Range(1, 12).Select(Examples.Azure).Prepend("{broken"));
        await using var content = new MemoryStream(Encoding.UTF8.GetBytes(text));

        var error = await UploadedFileCheck.FirstError(content, TestContext.Current.CancellationToken);

        Assert.Equal("Validation of jsonl file failed: Deserialization of line #0 failed.", error);
    }

    [Fact]
    public async Task FirstError_TrlFile_IsRefusedAsNotDpoFormat()
    {
        await using var content = File.OpenRead(TestData.Dataset("alignment-mini-lab-dpo-train.jsonl"));

        var error = await UploadedFileCheck.FirstError(content, TestContext.Current.CancellationToken);

        Assert.StartsWith(UploadedFileCheck.FailurePrefix + "Line #0:", error, StringComparison.Ordinal);
        Assert.Contains("missing_messages_list", error, StringComparison.Ordinal);
    }
}
