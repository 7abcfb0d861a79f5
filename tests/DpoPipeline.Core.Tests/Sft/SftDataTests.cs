using System.Text;
using System.Text.Json;
using DpoPipeline.Core.Datasets.Sft;
using Xunit;

namespace DpoPipeline.Core.Tests.Sft;

/// <summary>SFT data derived from DPO pairs, SFT files checked like the service checks them, and demonstration files split by prompt.</summary>
public sealed class SftDataTests
{
    private const string Model = "gpt-4.1-mini-2025-04-14";

    [Fact(Timeout = 30_000)]
    public void A_dpo_pair_becomes_its_prompt_followed_by_its_preferred_reply()
    {
        const string pair = """{"input":{"messages":[{"role":"system","content":"Be kind."},{"role":"user","content":"Hi?"}]},"preferred_output":[{"role":"assistant","content":"Hello!"}],"non_preferred_output":[{"role":"assistant","content":"Go away."}]}""";

        var sft = JsonDocument.Parse(SftDataDeriver.ToSft(pair)).RootElement;

        Assert.Equal(["messages"], sft.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            [("system", "Be kind."), ("user", "Hi?"), ("assistant", "Hello!")],
            sft.GetProperty("messages").EnumerateArray().Select(m => (m.GetProperty("role").GetString(), m.GetProperty("content").GetString())));
    }

    [Fact(Timeout = 30_000)]
    public async Task The_sample_dataset_derives_a_valid_sft_file_with_one_example_per_pair()
    {
        var pairs = (await File.ReadAllLinesAsync(TestData.Dataset("azure-gpt4o-dpo-train-200.jsonl"), TestContext.Current.CancellationToken)).Count(l => l.Length > 0);
        using var sft = new MemoryStream();
        await using (var dpo = File.OpenRead(TestData.Dataset("azure-gpt4o-dpo-train-200.jsonl")))
        {
            Assert.Equal(pairs, await SftDataDeriver.DeriveAsync(dpo, sft, TestContext.Current.CancellationToken));
        }

        sft.Position = 0;
        var report = await SftFileCheck.CheckAsync(sft, "sft.jsonl", Model, TestContext.Current.CancellationToken);

        Assert.True(report.IsValid, string.Join("; ", report.Issues.Select(i => i.Message)));
        Assert.Equal(pairs, report.Examples);
        Assert.True(report.Tokens > pairs * 10);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("""{"messages":[{"role":"user","content":"q"}]}""", SftFileCheck.NotEndingInAssistant, "$.messages[0]")]
    [InlineData("""{"messages":[{"role":"assistant","content":"a"}]}""", SftFileCheck.NoUserTurn, "$.messages")]
    [InlineData("""{"messages":[{"role":"robot","content":"q"},{"role":"assistant","content":"a"}]}""", SftFileCheck.BadMessage, "$.messages[0]")]
    [InlineData("""{"messages":[{"role":"user","content":""},{"role":"assistant","content":"a"}]}""", SftFileCheck.BadMessage, "$.messages[0]")]
    [InlineData("""{"input":{"messages":[]}}""", SftFileCheck.MissingMessages, "$.messages")]
    [InlineData("""{"messages": [""", SftFileCheck.InvalidLine, null)]
    public async Task A_bad_line_is_reported_with_its_line_code_and_path(string badLine, string code, string? path)
    {
        var lines = Enumerable.Range(0, 12).Select(i => $$"""{"messages":[{"role":"user","content":"q{{i}}"},{"role":"assistant","content":"a{{i}}"}]}""").ToList();
        lines[6] = badLine;

        var report = await CheckAsync(lines);

        var issue = Assert.Single(report.Issues);
        Assert.Equal((7L, code, path), (issue.Line!.Value, issue.Code, issue.JsonPath));
        Assert.Equal(11, report.Examples);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_file_of_fewer_than_ten_examples_is_refused()
    {
        var report = await CheckAsync(Enumerable.Range(0, 9).Select(i => $$"""{"messages":[{"role":"user","content":"q{{i}}"},{"role":"assistant","content":"a{{i}}"}]}"""));

        Assert.Equal(SftFileCheck.TooFewExamples, Assert.Single(report.Issues).Code);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_example_over_the_familys_token_limit_is_refused()
    {
        var huge = new string('x', 10) + string.Concat(Enumerable.Repeat(" word", 40_000));
        var lines = Enumerable.Range(0, 10).Select(i => $$"""{"messages":[{"role":"user","content":"q{{i}}"},{"role":"assistant","content":"a{{i}}"}]}""").ToList();
        lines.Add(JsonSerializer.Serialize(new { messages = new[] { new { role = "user", content = "q" }, new { role = "assistant", content = huge } } }));

        var report = await CheckAsync(lines, "gpt-4.1-nano-2025-04-14");

        var issue = Assert.Single(report.Issues);
        Assert.Equal((SftFileCheck.TooLong, 11L), (issue.Code, issue.Line!.Value));
        Assert.Contains("32768", issue.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_demonstration_file_splits_by_prompt_deterministically_holding_out_at_least_ten()
    {
        var lines = Enumerable.Range(0, 60).Select(i => $$"""{"messages":[{"role":"user","content":"q{{i}}"},{"role":"assistant","content":"a{{i}}"}]}""").ToList();
        var first = await SplitAsync(lines, 0.1, 42);
        var shuffled = await SplitAsync([.. lines.AsEnumerable().Reverse()], 0.1, 42);
        var none = await SplitAsync(lines, 0, 42);
        var small = await SplitAsync(lines.Take(19).ToList(), 0.1, 42);

        Assert.True(first.Validation.Count >= 10);
        Assert.Equal(60, first.Train.Count + first.Validation.Count);
        Assert.Equal(first.Validation.Order(), shuffled.Validation.Order());
        Assert.Empty(none.Validation);
        Assert.Empty(small.Validation);
        Assert.Empty(first.Train.Intersect(first.Validation));
    }

    private static async Task<SftFileReport> CheckAsync(IEnumerable<string> lines, string model = Model)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        return await SftFileCheck.CheckAsync(content, "sft.jsonl", model, TestContext.Current.CancellationToken);
    }

    private static async Task<(List<string> Train, List<string> Validation)> SplitAsync(List<string> lines, double fraction, int seed)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        using var train = new MemoryStream();
        using var validation = new MemoryStream();
        await SftDataSplitter.SplitAsync(input, train, validation, fraction, seed, TestContext.Current.CancellationToken);
        return (Lines(train), Lines(validation));
    }

    private static List<string> Lines(MemoryStream stream) =>
        [.. Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)];
}
