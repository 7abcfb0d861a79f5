using DpoPipeline.Core.Datasets;
using Xunit;

namespace DpoPipeline.Core.Tests.Datasets;

/// <summary>Each service error family on an otherwise valid Azure-format file: the code, the line and the JSON path.</summary>
public sealed class AzureFormatValidationTests : IDisposable
{
    private const string User = """{"role":"user","content":"Hi"}""";
    private const string Reply = """[{"role":"assistant","content":"Hello"}]""";
    private const string Other = """[{"role":"assistant","content":"Go away"}]""";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, string, string?> BrokenLines => new()
    {
        { "[1,2,3]", IssueCodes.DataType, "$" },
        { $$"""{"input":{},"preferred_output":{{Reply}},"non_preferred_output":{{Other}}}""", IssueCodes.MissingMessagesList, "$.input.messages" },
        { $$"""{"input":{"messages":[]},"preferred_output":{{Reply}},"non_preferred_output":{{Other}}}""", IssueCodes.MissingMessagesList, "$.input.messages" },
        { $$"""{"input":{"messages":[{"content":"Hi"}]},"preferred_output":{{Reply}},"non_preferred_output":{{Other}}}""", IssueCodes.MessageMissingKey, "$.input.messages[0]" },
        { $$"""{"input":{"messages":[{"role":"user","content":"Hi","mood":"happy"}]},"preferred_output":{{Reply}},"non_preferred_output":{{Other}}}""", IssueCodes.MessageUnrecognizedKey, "$.input.messages[0].mood" },
        { $$"""{"input":{"messages":[{"role":"human","content":"Hi"}]},"preferred_output":{{Reply}},"non_preferred_output":{{Other}}}""", IssueCodes.UnrecognizedRole, "$.input.messages[0].role" },
        { $$"""{"input":{"messages":[{"role":"user","content":""}]},"preferred_output":{{Reply}},"non_preferred_output":{{Other}}}""", IssueCodes.MissingContent, "$.input.messages[0].content" },
        { $$"""{"input":{"messages":[{{User}}]},"non_preferred_output":{{Other}}}""", IssueCodes.ExampleMissingAssistantMessage, "$.preferred_output" },
        { $$"""{"input":{"messages":[{{User}}]},"preferred_output":[{"role":"user","content":"x"}],"non_preferred_output":{{Other}}}""", IssueCodes.ExampleMissingAssistantMessage, "$.preferred_output[0].role" },
        { $$"""{"input":{"messages":[{{User}},{"role":"assistant","content":"Hm"}]},"preferred_output":{{Reply}},"non_preferred_output":{{Other}}}""", IssueCodes.PromptNotEndingWithUser, "$.input.messages[1].role" },
        { $$"""{"input":{"messages":[{{User}}]},"preferred_output":[{"role":"assistant","content":"a"},{"role":"assistant","content":"b"}],"non_preferred_output":{{Other}}}""", IssueCodes.MultipleAssistantOutputs, "$.preferred_output" },
        { $$"""{"input":{"messages":[{{User}}]},"preferred_output":[{"role":"assistant","content":""}],"non_preferred_output":{{Other}}}""", IssueCodes.MissingContent, "$.preferred_output[0].content" },
        { $$"""{"input":{"messages":[{"role":"user","content":42}]},"preferred_output":{{Reply}},"non_preferred_output":{{Other}}}""", IssueCodes.DataType, "$.input.messages[0].content" },
    };

    [Theory]
    [MemberData(nameof(BrokenLines))]
    public async Task Validate_BrokenExample_ReportsItsCodeLineAndPath(string line, string code, string? path)
    {
        var report = await ValidateAsync(_temp.WriteAzure("t.jsonl", 11, line));

        Assert.False(report.IsValid);
        Assert.Equal(code, Assert.Single(report.ErrorCounts.Keys));
        var issue = report.Issues.Single(i => i.Code == code);
        Assert.Equal(12, issue.Line);
        Assert.Equal(path, issue.JsonPath);
        Assert.False(string.IsNullOrEmpty(issue.Hint));
    }

    [Fact]
    public async Task Validate_NineExamples_IsTooFewExamples()
    {
        var report = await ValidateAsync(_temp.WriteAzure("t.jsonl", 9));

        Assert.Equal(IssueCodes.TooFewExamples, Assert.Single(report.ErrorCounts.Keys));
    }

    [Fact]
    public async Task Validate_ExampleAboveTheModelLimit_IsTooManyTokens()
    {
        var longText = string.Join(' ', Enumerable.Repeat("token", 40_000));
        var line = $$"""{"input":{"messages":[{"role":"user","content":"{{longText}}"}]},"preferred_output":{{Reply}},"non_preferred_output":{{Other}}}""";

        var nano = await ValidateAsync(_temp.WriteAzure("t.jsonl", 11, line), new ValidationOptions { BaseModel = "gpt-4.1-nano-2025-04-14" });
        var full = await ValidateAsync(_temp.File("t.jsonl"), new ValidationOptions { BaseModel = "gpt-4.1-2025-04-14" });

        Assert.Equal(IssueCodes.TooManyTokens, Assert.Single(nano.ErrorCounts.Keys));
        Assert.Equal(32_768, nano.Tokens.ExampleTokenLimit);
        Assert.True(full.IsValid);
    }

    [Fact]
    public async Task Validate_MoneySavingWarnings_AreWarningsNotErrors()
    {
        var same = $$"""{"input":{"messages":[{"role":"user","content":"Same?"}]},"preferred_output":{{Reply}},"non_preferred_output":{{Reply}}}""";
        var blank = $$"""{"input":{"messages":[{"role":"user","content":"Blank?"}]},"preferred_output":{{Reply}},"non_preferred_output":[{"role":"assistant","content":"   "}]}""";
        var near = Examples.Azure(3).Replace("Question 3", "question   3", StringComparison.Ordinal);
        var report = await ValidateAsync(_temp.WriteAzure("t.jsonl", 11, same, blank, Examples.Azure(2), near));

        Assert.True(report.IsValid);
        Assert.Equal(1, report.WarningCounts[IssueCodes.ChosenEqualsRejected]);
        Assert.Equal(1, report.WarningCounts[IssueCodes.BlankReply]);
        Assert.Equal(1, report.WarningCounts[IssueCodes.DuplicateExample]);
        Assert.Equal(1, report.WarningCounts[IssueCodes.NearDuplicateExample]);
        Assert.Equal("Same example as line 2.", report.Issues.Single(i => i.Code == IssueCodes.DuplicateExample).Message);
    }

    [Fact]
    public async Task Validate_WithValidationFile_WarnsAboutPromptsInBoth()
    {
        var train = _temp.WriteAzure("train.jsonl", 12);
        var validation = _temp.Write("validation.jsonl", string.Join("\n", Enumerable.Range(10, 12).Select(Examples.Azure)));

        var report = await ValidateAsync(train, new ValidationOptions { ValidationFile = validation });

        Assert.Equal(3, report.WarningCounts[IssueCodes.PromptInTrainAndValidation]);
        Assert.Equal(12, report.ValidationExampleCount);
        Assert.All(report.Issues, i => Assert.Equal(validation, i.File));
        Assert.True(report.Tokens.ValidationTokens > 0);
    }

    [Fact]
    public async Task Validate_ManyIssuesOfOneCode_ListsTheFirstFewAndCountsAll()
    {
        var broken = Enumerable.Repeat("{not json", 50).ToArray();
        var report = await ValidateAsync(_temp.WriteAzure("t.jsonl", 12, broken), new ValidationOptions { MaxIssuesPerCode = 5 });

        Assert.Equal(50, report.ErrorCounts[IssueCodes.InvalidJson]);
        Assert.Equal([13L, 14, 15, 16, 17], report.Issues.Select(i => i.Line!.Value));
        Assert.True(report.IssuesTruncated);
    }

    private static Task<ValidationReport> ValidateAsync(string path, ValidationOptions? options = null) =>
        DatasetValidator.ValidateAsync(path, options ?? new ValidationOptions(), null, TestContext.Current.CancellationToken);
}
