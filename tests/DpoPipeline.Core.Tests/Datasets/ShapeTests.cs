using System.Text.Json;
using DpoPipeline.Core.Datasets;
using Parquet.Serialization;
using Xunit;

namespace DpoPipeline.Core.Tests.Datasets;

/// <summary>Hand-made files for the layouts without a real file here, checked through the converter's output.</summary>
public sealed class ShapeTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Convert_UltraFeedbackRows_StripThePromptFromBothConversations()
    {
        var rows = Enumerable.Range(1, 12).Select(i =>
            $$"""{"prompt":"Q{{i}}","prompt_id":"p{{i}}","chosen":[{"content":"Q{{i}}","role":"user"},{"content":"Good {{i}}","role":"assistant"}],"rejected":[{"content":"Q{{i}}","role":"user"},{"content":"Bad {{i}}","role":"assistant"}],"messages":[],"score_chosen":8.0,"score_rejected":3.0}""");

        var (shape, first) = await ConvertFirstAsync(_temp.Write("uf.jsonl", string.Join("\n", rows)));

        Assert.Equal(DatasetShape.UltraFeedback, shape);
        AssertExample(first, [("user", "Q1")], "Good 1", "Bad 1");
    }

    [Fact]
    public async Task Convert_TrlConversationalWithoutPrompt_UsesTheLongestCommonPrefix()
    {
        var rows = Enumerable.Range(1, 12).Select(i =>
            $$"""{"chosen":[{"role":"system","content":"S"},{"role":"user","content":"Hi {{i}}"},{"role":"assistant","content":"Hello"},{"role":"user","content":"Tell me"},{"role":"assistant","content":"Yes {{i}}"}],"rejected":[{"role":"system","content":"S"},{"role":"user","content":"Hi {{i}}"},{"role":"assistant","content":"Hello"},{"role":"user","content":"Tell me"},{"role":"assistant","content":"No {{i}}"}]}""");

        var (shape, first) = await ConvertFirstAsync(_temp.Write("conv.json", "[" + string.Join(",\n", rows) + "]"));

        Assert.Equal(DatasetShape.TrlConversational, shape);
        AssertExample(first, [("system", "S"), ("user", "Hi 1"), ("assistant", "Hello"), ("user", "Tell me")], "Yes 1", "No 1");
    }

    [Fact]
    public async Task Convert_TrlConversationalWithExplicitPromptMessages_KeepsThemAsInput()
    {
        var rows = Enumerable.Range(1, 12).Select(i =>
            $$"""{"prompt":[{"role":"user","content":"Why {{i}}?"}],"chosen":[{"role":"assistant","content":"Because {{i}}."}],"rejected":[{"role":"assistant","content":"No idea."}]}""");

        var (shape, first) = await ConvertFirstAsync(_temp.Write("explicit.jsonl", string.Join("\n", rows)));

        Assert.Equal(DatasetShape.TrlConversational, shape);
        AssertExample(first, [("user", "Why 1?")], "Because 1.", "No idea.");
    }

    [Fact]
    public async Task Convert_TrlStandardWithSystem_PrependsTheSystemMessage()
    {
        var rows = Enumerable.Range(1, 12).Select(i => $$"""{"system":"Be kind.","prompt":"P{{i}}","chosen":"C{{i}}","rejected":"R{{i}}"}""");

        var (shape, first) = await ConvertFirstAsync(_temp.Write("trl.jsonl", string.Join("\n", rows)));

        Assert.Equal(DatasetShape.TrlStandard, shape);
        AssertExample(first, [("system", "Be kind."), ("user", "P1")], "C1", "R1");
    }

    [Fact]
    public async Task Convert_HhTranscript_BecomesMultiTurnInputAndFinalReplies()
    {
        var (shape, first) = await ConvertFirstAsync(TestData.Dataset("hh-rlhf-harmless-base-test-500.jsonl"), skipInvalid: true);

        Assert.Equal(DatasetShape.HhRlhf, shape);
        var input = first.GetProperty("input").GetProperty("messages");
        Assert.Equal("user", input[0].GetProperty("role").GetString());
        Assert.Equal("user", input[input.GetArrayLength() - 1].GetProperty("role").GetString());
        Assert.DoesNotContain("Human:", first.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Convert_Csv_ReadsHeaderColumnsAsFields()
    {
        var csv = "prompt,chosen,rejected\n" + string.Join("\n", Enumerable.Range(1, 12).Select(i => $"\"What, exactly, is {i}?\",\"It is {i}.\",\"Dunno\""));

        var (shape, first) = await ConvertFirstAsync(_temp.Write("pairs.csv", csv));

        Assert.Equal(DatasetShape.TrlStandard, shape);
        AssertExample(first, [("user", "What, exactly, is 1?")], "It is 1.", "Dunno");
    }

    [Fact]
    public async Task Convert_Parquet_ReadsNestedMessageLists()
    {
        var path = _temp.File("uf.parquet");
        var rows = Enumerable.Range(1, 12).Select(i => new UltraFeedbackRow
        {
            prompt = $"Q{i}",
            chosen = [new() { role = "user", content = $"Q{i}" }, new() { role = "assistant", content = $"Good {i}" }],
            rejected = [new() { role = "user", content = $"Q{i}" }, new() { role = "assistant", content = $"Bad {i}" }],
            score_chosen = 9,
            score_rejected = 2,
        }).ToList();
        await ParquetSerializer.SerializeAsync(rows, path, cancellationToken: TestContext.Current.CancellationToken);

        var (shape, first) = await ConvertFirstAsync(path);

        Assert.Equal(DatasetShape.UltraFeedback, shape);
        AssertExample(first, [("user", "Q1")], "Good 1", "Bad 1");
    }

    [Fact]
    public async Task Convert_NestedMapping_ReadsTheMappedPaths()
    {
        var rows = Enumerable.Range(1, 12).Select(i => $$"""{"q":{"text":"Ask {{i}}"},"answers":[{"text":"Best {{i}}"},{"text":"Worst {{i}}"}]}""");
        var mapping = ColumnMapping.Parse(["q.text=prompt", "answers[0].text=chosen", "answers.1.text=rejected"]);

        var (shape, first) = await ConvertFirstAsync(_temp.Write("nested.jsonl", string.Join("\n", rows)), mapping: mapping);

        Assert.Equal(DatasetShape.Mapped, shape);
        AssertExample(first, [("user", "Ask 1")], "Best 1", "Worst 1");
    }

    [Fact]
    public async Task Validate_UnknownLayout_NamesTheKeysAndSuggestsAMapping()
    {
        var rows = Enumerable.Range(1, 12).Select(i => $$"""{"good":"a{{i}}","bad":"b{{i}}","ask":"q{{i}}"}""");

        var report = await DatasetValidator.ValidateAsync(_temp.Write("odd.jsonl", string.Join("\n", rows)), new ValidationOptions(), null, TestContext.Current.CancellationToken);

        var issue = Assert.Single(report.Issues);
        Assert.Equal(IssueCodes.UnknownShape, issue.Code);
        Assert.Contains("ask, bad, good", issue.Message, StringComparison.Ordinal);
        Assert.Contains("--map", issue.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ShareGptLastTurnFromAssistant_IsPromptNotEndingWithUser()
    {
        const string Extra = """,{"from":"gpt","value":"Hey"}""";
        var rows = Enumerable.Range(1, 12).Select(i =>
            $$$"""{"conversations":[{"from":"human","value":"Hi {{{i}}}"}{{{(i == 5 ? Extra : string.Empty)}}}],"chosen":{"from":"gpt","value":"Good"},"rejected":{"from":"gpt","value":"Bad"}}""");

        var report = await DatasetValidator.ValidateAsync(_temp.Write("sg.json", "[" + string.Join(",", rows) + "]"), new ValidationOptions(), null, TestContext.Current.CancellationToken);

        Assert.Equal(DatasetShape.ShareGpt, report.Shape);
        Assert.Equal(1, report.ErrorCounts[IssueCodes.PromptNotEndingWithUser]);
    }

    private static void AssertExample(JsonElement example, (string Role, string Content)[] input, string preferred, string nonPreferred)
    {
        var messages = example.GetProperty("input").GetProperty("messages").EnumerateArray()
            .Select(m => (m.GetProperty("role").GetString()!, m.GetProperty("content").GetString()!)).ToArray();
        Assert.Equal(input, messages);
        Assert.Equal(preferred, example.GetProperty("preferred_output")[0].GetProperty("content").GetString());
        Assert.Equal(nonPreferred, example.GetProperty("non_preferred_output")[0].GetProperty("content").GetString());
    }

    private async Task<(DatasetShape? Shape, JsonElement First)> ConvertFirstAsync(string source, ColumnMapping? mapping = null, bool skipInvalid = false)
    {
        var result = await DatasetConverter.ConvertAsync(source, _temp.File("out-" + Path.GetFileName(source)),
            new ConversionOptions { ValidationFraction = 0, Mapping = mapping, SkipInvalidExamples = skipInvalid }, null, TestContext.Current.CancellationToken);
        Assert.True(result.Report.IsValid, string.Join("; ", result.Report.Issues.Select(i => $"{i.Line} {i.Code} {i.Message}")));
        var firstLine = (await File.ReadAllLinesAsync(result.TrainPath!, TestContext.Current.CancellationToken))[0];
        return (result.Report.Shape, JsonDocument.Parse(firstLine).RootElement.Clone());
    }

#pragma warning disable IDE1006, SA1300 // Column names as the Hugging Face export spells them.
    private sealed class UltraFeedbackRow
    {
        public string prompt { get; set; } = string.Empty;

        public List<Message> chosen { get; set; } = [];

        public List<Message> rejected { get; set; } = [];

        public double score_chosen { get; set; }

        public double score_rejected { get; set; }
    }

    private sealed class Message
    {
        public string role { get; set; } = string.Empty;

        public string content { get; set; } = string.Empty;
    }
#pragma warning restore IDE1006, SA1300
}
