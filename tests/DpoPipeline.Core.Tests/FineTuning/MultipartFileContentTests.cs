using System.Text;
using DpoPipeline.Core.FineTuning;
using Xunit;

namespace DpoPipeline.Core.Tests.FineTuning;

public sealed class MultipartFileContentTests
{
    [Fact]
    public async Task Writes_purpose_and_file_parts_with_a_known_length_and_rewinds_for_a_retry()
    {
        using var file = new MemoryStream(Encoding.UTF8.GetBytes("{\"input\":{}}\n"));
        using var content = new MultipartFileContent(file, "train.jsonl", "fine-tune");
        var boundary = content.ContentType["multipart/form-data; boundary=".Length..];

        var first = await WriteAsync(content);
        var second = await WriteAsync(content);

        Assert.Equal(first, second);
        Assert.True(content.TryComputeLength(out var length));
        Assert.Equal(Encoding.UTF8.GetByteCount(first), length);
        Assert.Contains("Content-Disposition: form-data; name=\"purpose\"\r\n\r\nfine-tune\r\n", first, StringComparison.Ordinal);
        Assert.Contains("name=\"file\"; filename=\"train.jsonl\"", first, StringComparison.Ordinal);
        Assert.Contains("{\"input\":{}}\n\r\n--" + boundary + "--\r\n", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_seekable_stream_is_not_resent_half_read()
    {
        using var file = new NonSeekableStream(Encoding.UTF8.GetBytes("line\n"));
        using var content = new MultipartFileContent(file, "train.jsonl", "fine-tune");
        await WriteAsync(content);

        await Assert.ThrowsAsync<InvalidOperationException>(() => WriteAsync(content));
    }

    private static async Task<string> WriteAsync(MultipartFileContent content)
    {
        using var target = new MemoryStream();
        await content.WriteToAsync(target, TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(target.ToArray());
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
