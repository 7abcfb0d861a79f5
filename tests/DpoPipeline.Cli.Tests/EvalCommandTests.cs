using System.Text.Json;
using DpoPipeline.Core.Samples;
using DpoPipeline.Emulator;
using DpoPipeline.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DpoPipeline.Cli.Tests;

/// <summary>`dpo eval` against deployments trained and deployed on an emulator whose ground truth is known.</summary>
public sealed class EvalCommandTests : IAsyncLifetime
{
    private const string BaseModel = "gpt-4.1-mini-2025-04-14";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));
    private readonly string _folder = Directory.CreateTempSubdirectory("dpo-eval-test-").FullName;
    private EmulatorHandle _emulator = null!;
    private string _pairs = null!;

    public async ValueTask InitializeAsync()
    {
        // The extremes of the ground truth: the trained model always answers the chosen reply, the base model never.
        var options = new EmulatorOptions { TimeProvider = _clock };
        (options.Models.Dpo.PreferenceRate, options.Models.Base.PreferenceRate) = (1, 0);
        _emulator = await EmulatorServer.StartAsync(options, TestContext.Current.CancellationToken);
        _pairs = await SampleDatasets.Default.ExtractAsync(_folder, TestContext.Current.CancellationToken);
        using var shop = new EmulatorModelShop(_emulator, _clock);
        await shop.DeployAsync("tuned", await shop.TrainDpoAsync(_pairs, BaseModel, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        await shop.DeployAsync("base", BaseModel, TestContext.Current.CancellationToken);
        await shop.DeployAsync("judge", BaseModel, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _emulator.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact(Timeout = 120_000)]
    public async Task Eval_with_a_judge_finds_the_trained_model_better_and_says_the_answers_were_emulated()
    {
        var output = Path.Combine(_folder, "eval");

        var run = await CliRun.InvokeAsync(
            "eval", _pairs, "--candidate", "tuned", "--base", "base", "--judge", "judge",
            "--endpoint", _emulator.BaseUri.ToString(), "--sample-size", "12", "--seed", "5", "--out", output, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var summary = JsonDocument.Parse(run.Out);
        var root = summary.RootElement;
        Assert.Equal("Judge", root.GetProperty("method").GetString());
        Assert.Equal(12, root.GetProperty("pairs").GetInt32());
        Assert.True(root.GetProperty("winRate").GetDouble() > 0.75, run.Out);
        Assert.True(root.GetProperty("emulated").GetBoolean());
        Assert.Equal(5, root.GetProperty("seed").GetInt64());
        Assert.InRange(root.GetProperty("judgeAgreement").GetDouble(), 0, 1);
        Assert.True(File.Exists(Path.Combine(output, "evaluation.json")));
        Assert.Contains("<strong>EMULATED</strong>", await File.ReadAllTextAsync(Path.Combine(output, "report.html"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Eval_without_a_candidate_is_a_usage_error_and_asks_nothing()
    {
        var requests = _emulator.State.Counters.Requests;

        var run = await CliRun.InvokeAsync("eval", _pairs, "--base", "base", "--endpoint", _emulator.BaseUri.ToString());

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--candidate", run.Error, StringComparison.Ordinal);
        Assert.Equal(requests, _emulator.State.Counters.Requests);
    }

    [Fact(Timeout = 60_000)]
    public async Task Eval_on_an_invalid_file_exits_1_and_points_at_dpo_validate()
    {
        var run = await CliRun.InvokeAsync(
            "eval", CliRun.Dataset("gsm8k-sft-chat-validation.jsonl"), "--candidate", "tuned", "--base", "base", "--endpoint", _emulator.BaseUri.ToString());

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("dpo validate", run.Error, StringComparison.Ordinal);
    }
}
