using System.Text;
using DpoPipeline.Core.Evaluation;
using Xunit;

namespace DpoPipeline.Core.Tests.Evaluation;

public sealed class EvaluationPairReaderTests
{
    private const string ValidLine =
        """{"input":{"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi?"}]},"preferred_output":[{"role":"assistant","content":"Hello."}],"non_preferred_output":[{"role":"assistant","content":"Go away."}],"category":"greeting"}""";

    [Fact]
    public async Task ReadAsync_AzureDpoFile_ReadsEveryExample()
    {
        await using var stream = File.OpenRead(TestPairs.HeldOutPath);

        var pairs = await EvaluationPairReader.ReadAsync(stream, TestContext.Current.CancellationToken);

        Assert.Equal(200, pairs.Count);
        var first = pairs[0];
        Assert.Equal([new ChatTurn("user", "Will AI lead to mass unemployment in the future?")], first.Messages);
        Assert.Equal("AI will create new job opportunities and enhance productivity across various sectors.", first.Preferred);
        Assert.Equal("AI's advancement will result in significant job losses and economic disruption.", first.NonPreferred);
        Assert.Null(first.Category);
    }

    [Fact]
    public async Task ReadAsync_ReadsCategoryAndSkipsBlankLines()
    {
        var pairs = await ReadAsync("\n" + ValidLine + "\n\n");

        var pair = Assert.Single(pairs);
        Assert.Equal("greeting", pair.Category);
        Assert.Equal(2, pair.Messages.Count);
    }

    [Theory]
    [InlineData("""{"input":{"messages":[{"role":"user","content":"Hi?"}]},"non_preferred_output":[{"role":"assistant","content":"x"}]}""", "missing 'preferred_output'")]
    [InlineData("""{"input":{"messages":[{"role":"user","content":"Hi?"}]},"preferred_output":[],"non_preferred_output":[{"role":"assistant","content":"x"}]}""", "exactly one assistant message")]
    [InlineData("""{"input":{"messages":[{"role":"assistant","content":"Hi?"}]},"preferred_output":[{"role":"assistant","content":"a"}],"non_preferred_output":[{"role":"assistant","content":"x"}]}""", "must end with a user message")]
    [InlineData("""{"input":{"messages":[{"role":"user","content":"Hi?"}]},"preferred_output":[{"role":"user","content":"a"}],"non_preferred_output":[{"role":"assistant","content":"x"}]}""", "must be an assistant message")]
    [InlineData("""{"input": {"messages": [""", "not valid JSON")]
    [InlineData("""[1, 2]""", "expected a JSON object")]
    public async Task ReadAsync_BadExample_NamesTheLineAndTheProblem(string badLine, string problem)
    {
        var error = await Assert.ThrowsAsync<EvaluationDataException>(() => ReadAsync(ValidLine + "\n" + badLine + "\n" + ValidLine));

        Assert.Equal(2, error.LineNumber);
        Assert.StartsWith("Line 2: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<EvaluationPair>> ReadAsync(string content)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        return await EvaluationPairReader.ReadAsync(stream, TestContext.Current.CancellationToken);
    }
}
