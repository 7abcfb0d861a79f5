using System.Text.Json;
using Xunit;

namespace DpoPipeline.Cli.Tests;

public sealed class ConvertStatsEstimateCommandTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("dpo-cli-tests-").FullName;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public async Task Convert_ValidSource_WritesTheFilesAndExitsZero()
    {
        var run = await CliRun.InvokeAsync("convert", CliRun.Dataset("llm-on-ray-orca-dpo-sample.jsonl"), "-o", _output, "--seed", "3");

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(Path.Combine(_output, "train.jsonl")));
        Assert.True(File.Exists(Path.Combine(_output, "validation.jsonl")));
        Assert.True(File.Exists(Path.Combine(_output, "manifest.json")));
        Assert.Contains("train.jsonl", run.Out, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_output, "manifest.json"), TestContext.Current.CancellationToken));
        Assert.Equal("orca", manifest.RootElement.GetProperty("source_shape").GetString());
        Assert.Equal(3, manifest.RootElement.GetProperty("seed").GetInt32());
    }

    [Fact]
    public async Task Convert_InvalidSource_ExitsOneAndWritesOnlyTheReport()
    {
        var run = await CliRun.InvokeAsync("convert", CliRun.Dataset("gsm8k-sft-chat-validation.jsonl"), "-o", _output);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["validation-report.json"], Directory.GetFiles(_output).Select(Path.GetFileName));
        Assert.Contains("sft_data", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Convert_WithoutOutputFolder_IsAUsageError()
    {
        var run = await CliRun.InvokeAsync("convert", CliRun.Dataset("llm-on-ray-orca-dpo-sample.jsonl"));

        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public async Task Stats_PrintsDistributionsAndHistograms()
    {
        var run = await CliRun.InvokeAsync("stats", CliRun.Dataset("orca-dpo-validation.jsonl"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("p95", run.Out, StringComparison.Ordinal);
        Assert.Contains("chosen tokens", run.Out, StringComparison.Ordinal);
        Assert.Contains("█", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_Json_IsMachineReadable()
    {
        var run = await CliRun.InvokeAsync("stats", "--sample", "--json");

        using var stats = JsonDocument.Parse(run.Out);
        Assert.Equal(200, stats.RootElement.GetProperty("examples").GetInt32());
        Assert.True(stats.RootElement.GetProperty("prompt_tokens").GetProperty("p95").GetInt32() > 0);
    }

    [Fact]
    public async Task Estimate_File_StatesTheEstimateAndThePriceDate()
    {
        var run = await CliRun.InvokeAsync("estimate", "--sample", "--epochs", "2", "-m", "gpt-4o-2024-08-06");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("8,898 × 2 epoch(s) = 17,796 billed tokens", run.Out, StringComparison.Ordinal);
        Assert.Contains("estimate, not a quote", run.Out, StringComparison.Ordinal);
        Assert.Contains("price table of", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Estimate_Tokens_Json()
    {
        var run = await CliRun.InvokeAsync("estimate", "--tokens", "1000000", "--json");

        using var estimate = JsonDocument.Parse(run.Out);
        Assert.Equal(15.0m, estimate.RootElement.GetProperty("estimated_usd").GetDecimal());
        Assert.Equal(3_000_000, estimate.RootElement.GetProperty("billed_tokens").GetInt64());
    }

    [Theory]
    [InlineData("estimate")]
    [InlineData("estimate", "--tokens", "5", "--sample")]
    [InlineData("estimate", "--tokens", "5", "--epochs", "0")]
    public async Task Estimate_BadArguments_ExitTwo(params string[] args)
    {
        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(2, run.ExitCode);
    }
}
