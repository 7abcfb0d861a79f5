using System.Text.Json;
using Xunit;

namespace DpoPipeline.Cli.Tests;

public sealed class RunAndReportCommandTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly string _folder = Directory.CreateTempSubdirectory("dpo-run-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact(Timeout = 180_000)]
    public async Task Run_on_the_sample_completes_durably_against_the_emulator_and_report_renders_it_again()
    {
        var run = await CliRun.InvokeAsync("run", "--sample", "--time-scale", "3000", "--ttl-hours", "1", "--out", _folder, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("durable (Azure Storage provider", run.Error, StringComparison.Ordinal);
        Assert.Contains("Started run", run.Error, StringComparison.Ordinal);
        using var result = JsonDocument.Parse(run.Out);
        Assert.Equal("Completed", result.RootElement.GetProperty("outcome").GetString());
        Assert.True(result.RootElement.GetProperty("emulated").GetBoolean());
        Assert.StartsWith("built-in emulator", result.RootElement.GetProperty("service").GetString(), StringComparison.Ordinal);
        var status = result.RootElement.GetProperty("status");
        var evaluation = status.GetProperty("evaluation");
        Assert.Equal("Judge", evaluation.GetProperty("method").GetString());
        Assert.True(evaluation.GetProperty("emulated").GetBoolean());
        Assert.InRange(evaluation.GetProperty("judgeAgreement").GetDouble(), 0, 1);
        var runDir = Path.Combine(_folder, "runs", status.GetProperty("runId").GetString()!);
        Assert.True(File.Exists(Path.Combine(runDir, "train.jsonl")));
        Assert.True(File.Exists(Path.Combine(runDir, "report", "report.html")));
        Assert.True(Directory.Exists(Path.Combine(_folder, "engine", "azurite")), "the engine's state lives under --out");

        var rendered = Path.Combine(_folder, "again");
        var report = await CliRun.InvokeAsync("report", runDir, "--out", rendered);

        Assert.True(report.ExitCode == 0, report.Error);
        var charts = Directory.GetFiles(Path.Combine(rendered, "charts"), "*.png");
        Assert.NotEmpty(charts);
        Assert.All(charts, c => Assert.Equal(PngSignature, File.ReadAllBytes(c).Take(8)));
        Assert.Contains(status.GetProperty("fineTunedModel").GetString()!, await File.ReadAllTextAsync(Path.Combine(rendered, "report.md"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact(Timeout = 180_000)]
    public async Task Run_sft_first_in_memory_trains_two_jobs_the_second_from_the_firsts_model_and_reports_three_ways()
    {
        var run = await CliRun.InvokeAsync("run", "--sample", "--sft-first", "--in-memory", "--time-scale", "3000", "--ttl-hours", "1", "--out", _folder, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var result = JsonDocument.Parse(run.Out);
        Assert.Equal("Completed", result.RootElement.GetProperty("outcome").GetString());
        var status = result.RootElement.GetProperty("status");
        var sftModel = status.GetProperty("sftModel").GetString()!;
        Assert.StartsWith("gpt-4.1-mini-2025-04-14.ft-", sftModel, StringComparison.Ordinal);
        Assert.NotEqual(status.GetProperty("sftJobId").GetString(), status.GetProperty("jobId").GetString());
        Assert.Equal("succeeded", status.GetProperty("sftJobStatus").GetString());
        Assert.Equal(JsonValueKind.Number, status.GetProperty("dpoOverSftEvaluation").GetProperty("pairs").ValueKind);
        Assert.Equal(JsonValueKind.Number, status.GetProperty("sftEvaluation").GetProperty("pairs").ValueKind);
        Assert.Matches("^(Yes|No|Not shown)", status.GetProperty("sftVerdict").GetString());
        var runDir = Path.Combine(_folder, "runs", status.GetProperty("runId").GetString()!);
        Assert.True(File.Exists(Path.Combine(runDir, "sft-train.jsonl")));
        var markdown = await File.ReadAllTextAsync(Path.Combine(runDir, "report", "report.md"), TestContext.Current.CancellationToken);
        Assert.Contains("## Base, SFT and SFT+DPO", markdown, StringComparison.Ordinal);
        Assert.Contains(sftModel, markdown, StringComparison.Ordinal);
    }

    [Fact(Timeout = 180_000)]
    public async Task Run_with_sft_data_trains_the_sft_stage_on_that_file()
    {
        var run = await CliRun.InvokeAsync(
            "run", "--sample", "--sft-data", CliRun.Dataset("gsm8k-sft-chat-validation.jsonl"), "--in-memory", "--time-scale", "3000", "--ttl-hours", "1", "--out", _folder, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var result = JsonDocument.Parse(run.Out);
        var status = result.RootElement.GetProperty("status");
        Assert.Equal(50, status.GetProperty("sftTrainingExamples").GetInt32() + status.GetProperty("sftValidationExamples").GetInt32());
        Assert.Equal("succeeded", status.GetProperty("sftJobStatus").GetString());
    }

    [Fact(Timeout = 120_000)]
    public async Task Run_in_memory_on_an_invalid_dataset_ends_invalid_with_exit_1_and_uploads_nothing()
    {
        var run = await CliRun.InvokeAsync("run", CliRun.Dataset("gsm8k-sft-chat-validation.jsonl"), "--in-memory", "--out", _folder, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("in memory (not durable", run.Error, StringComparison.Ordinal);
        using var result = JsonDocument.Parse(run.Out);
        Assert.Equal("Invalid", result.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, result.RootElement.GetProperty("status").GetProperty("trainingFileId").ValueKind);
        Assert.False(Directory.Exists(Path.Combine(_folder, "engine")), "an in-memory run keeps no engine state");
    }

    [Theory(Timeout = 30_000)]
    [InlineData("ftp://example.com/")]
    [InlineData("not a url")]
    public async Task Run_with_an_endpoint_that_is_not_an_http_url_is_a_usage_error(string endpoint)
    {
        var run = await CliRun.InvokeAsync("run", "--sample", "--endpoint", endpoint, "--out", _folder);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--endpoint must be an absolute http(s) URL", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "engine")), "nothing starts on a usage error");
    }

    [Fact(Timeout = 30_000)]
    public async Task Report_without_a_report_json_is_a_usage_error()
    {
        var report = await CliRun.InvokeAsync("report", _folder);

        Assert.Equal(2, report.ExitCode);
        Assert.Contains("report.json", report.Error, StringComparison.Ordinal);
    }
}
