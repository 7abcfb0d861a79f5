using System.Text.Json;
using Xunit;

namespace DpoPipeline.Cli.Tests;

/// <summary>The built `dpo` as a real process: exit codes reach the shell, machine output is clean, errors carry no stack trace.</summary>
public sealed class DpoProcessTests
{
    [Fact(Timeout = 60_000)]
    public async Task Dpo_InvalidFile_ExitsOneWithOnlyJsonOnStdout()
    {
        var (exitCode, stdout, stderr) = await DpoProcess.RunAsync("validate", CliRun.Dataset("torchtune-hh-rlhf-tiny.json"), "--json");

        Assert.Equal(1, exitCode);
        using var report = JsonDocument.Parse(stdout);
        Assert.Equal(1, report.RootElement.GetProperty("error_counts").GetProperty("too_few_examples").GetInt32());
        Assert.Empty(stderr);
    }

    [Fact(Timeout = 60_000)]
    public async Task Dpo_UnreadableOutputFolder_ExitsTwoWithoutAStackTrace()
    {
        var blocker = Path.GetTempFileName();
        try
        {
            var (exitCode, _, stderr) = await DpoProcess.RunAsync("convert", CliRun.Dataset("llm-on-ray-orca-dpo-sample.jsonl"), "-o", Path.Combine(blocker, "out"));

            Assert.Equal(2, exitCode);
            Assert.Contains("error:", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [Fact(Timeout = 300_000)]
    public async Task Dpo_run_killed_while_training_resumes_the_same_run_and_job_when_started_again()
    {
        var folder = Directory.CreateTempSubdirectory("dpo-resume-test-").FullName;
        try
        {
            // ×200: the emulated job trains for about nine seconds, time enough to kill the process in the middle.
            string[] args = ["run", "--sample", "--time-scale", "200", "--ttl-hours", "0.2", "--out", folder, "--json"];
            string jobLine;
            using (var first = DpoProcess.Start(args))
            {
                await first.WaitForErrorLineAsync(" Training job ");
                jobLine = first.Stderr.Split('\n').First(l => l.Contains(" Training job ", StringComparison.Ordinal));
                await first.KillAsync();
            }

            using var second = DpoProcess.Start(args);
            var exitCode = await second.WaitForExitAsync();

            Assert.True(exitCode == 0, second.Stderr);
            Assert.Contains("Resuming run", second.Stderr, StringComparison.Ordinal);
            using var result = JsonDocument.Parse(second.Stdout);
            Assert.Equal("Completed", result.RootElement.GetProperty("outcome").GetString());
            var jobId = result.RootElement.GetProperty("status").GetProperty("jobId").GetString()!;
            Assert.Contains($"job {jobId}:", jobLine, StringComparison.Ordinal);
            using var emulator = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "engine", "emulator", "state.json"), TestContext.Current.CancellationToken));
            Assert.Equal(1, emulator.RootElement.GetProperty("Jobs").GetArrayLength());
            var uploads = emulator.RootElement.GetProperty("Files").EnumerateArray().Where(f => f.GetProperty("Purpose").GetString() == "fine-tune").ToList();
            Assert.Equal(2, uploads.Count);
            Assert.All(uploads, f => Assert.True(f.GetProperty("Deleted").GetBoolean()));
            Assert.Equal(0, emulator.RootElement.GetProperty("Deployments").EnumerateArray().Count(d => d.GetProperty("Key").GetProperty("Name").GetString()!.StartsWith("dpo-", StringComparison.Ordinal)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Dpo_run_without_node_says_so_in_one_line_and_suggests_in_memory()
    {
        var folder = Directory.CreateTempSubdirectory("dpo-nonode-test-").FullName;
        try
        {
            using var process = DpoProcess.Start(["run", "--sample", "--out", folder], path: Path.GetDirectoryName(new FileInfo(DpoProcess.DotnetHost).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? DpoProcess.DotnetHost)!);
            var exitCode = await process.WaitForExitAsync();

            Assert.Equal(2, exitCode);
            var line = Assert.Single(process.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("Node.js", line, StringComparison.Ordinal);
            Assert.Contains("--in-memory", line, StringComparison.Ordinal);
            Assert.Empty(process.Stdout);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Dpo_Help_ListsTheVerbs()
    {
        var (exitCode, stdout, _) = await DpoProcess.RunAsync("--help");

        Assert.Equal(0, exitCode);
        foreach (var verb in new[] { "validate", "convert", "stats", "estimate" })
        {
            Assert.Contains(verb, stdout, StringComparison.Ordinal);
        }
    }
}
