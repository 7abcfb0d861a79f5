using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace DpoPipeline.Cli.Tests;

/// <summary>The built `dpo` as a real process: exit codes reach the shell, machine output is clean, errors carry no stack trace.</summary>
public sealed class DpoProcessTests
{
    [Fact]
    public async Task Dpo_InvalidFile_ExitsOneWithOnlyJsonOnStdout()
    {
        var (exitCode, stdout, stderr) = await RunAsync("validate", CliRun.Dataset("torchtune-hh-rlhf-tiny.json"), "--json");

        Assert.Equal(1, exitCode);
        using var report = JsonDocument.Parse(stdout);
        Assert.Equal(1, report.RootElement.GetProperty("error_counts").GetProperty("too_few_examples").GetInt32());
        Assert.Empty(stderr);
    }

    [Fact]
    public async Task Dpo_UnreadableOutputFolder_ExitsTwoWithoutAStackTrace()
    {
        var blocker = Path.GetTempFileName();
        try
        {
            var (exitCode, _, stderr) = await RunAsync("convert", CliRun.Dataset("llm-on-ray-orca-dpo-sample.jsonl"), "-o", Path.Combine(blocker, "out"));

            Assert.Equal(2, exitCode);
            Assert.Contains("error:", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [Fact]
    public async Task Dpo_Help_ListsTheVerbs()
    {
        var (exitCode, stdout, _) = await RunAsync("--help");

        Assert.Equal(0, exitCode);
        foreach (var verb in new[] { "validate", "convert", "stats", "estimate" })
        {
            Assert.Contains(verb, stdout, StringComparison.Ordinal);
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dpo.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }
}
