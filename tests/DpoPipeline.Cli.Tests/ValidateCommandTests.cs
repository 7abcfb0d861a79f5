using System.Text.Json;
using Xunit;

namespace DpoPipeline.Cli.Tests;

public sealed class ValidateCommandTests
{
    [Fact]
    public async Task Validate_ValidAzureFile_ExitsZeroAndSaysValid()
    {
        var run = await CliRun.InvokeAsync("validate", CliRun.Dataset("azure-gpt4o-dpo-train-200.jsonl"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Examples: 200 (200 valid)", run.Out, StringComparison.Ordinal);
        Assert.Contains("Valid:", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_InvalidFile_ExitsOneAndGroupsErrorsByCodeWithLines()
    {
        var run = await CliRun.InvokeAsync("validate", CliRun.Dataset("hh-rlhf-harmless-base-test-500.jsonl"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("missing_content", run.Out, StringComparison.Ordinal);
        Assert.Contains("hh-rlhf-harmless-base-test-500.jsonl:87", run.Out, StringComparison.Ordinal);
        Assert.Contains("Invalid:", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_Json_PrintsOnlyTheMachineReportOnStdout()
    {
        var run = await CliRun.InvokeAsync("validate", CliRun.Dataset("gsm8k-sft-chat-validation.jsonl"), "--json");

        Assert.Equal(1, run.ExitCode);
        using var document = JsonDocument.Parse(run.Out);
        Assert.False(document.RootElement.GetProperty("is_valid").GetBoolean());
        Assert.Equal(1, document.RootElement.GetProperty("error_counts").GetProperty("sft_data").GetInt32());
    }

    [Fact]
    public async Task Validate_Sample_ValidatesTheEmbeddedDataset()
    {
        var run = await CliRun.InvokeAsync("validate", "--sample", "--json");

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Out);
        Assert.Equal(200, document.RootElement.GetProperty("example_count").GetInt32());
    }

    [Fact]
    public async Task Validate_MissingFile_ExitsTwoWithAMessageAndNoStackTrace()
    {
        var run = await CliRun.InvokeAsync("validate", "/nonexistent/train.jsonl");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("File not found", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("validate", "x.jsonl", "--format", "xml")]
    [InlineData("validate", "x.jsonl", "--base-model", "gpt-2")]
    [InlineData("validate", "x.jsonl", "--map", "good")]
    [InlineData("frobnicate")]
    public async Task Validate_BadArguments_ExitTwo(params string[] args)
    {
        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MappedColumns_ConvertsAnUnknownLayout()
    {
        var run = await CliRun.InvokeAsync("validate", CliRun.Dataset("torchtune-stack-exchange-paired-tiny.json"),
            "--map", "question=prompt", "--map", "response_j=chosen", "--map", "response_k=rejected", "--json");

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Out);
        Assert.Equal("mapped", document.RootElement.GetProperty("shape").GetString());
    }
}
