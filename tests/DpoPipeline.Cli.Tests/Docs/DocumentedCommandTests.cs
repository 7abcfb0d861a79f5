using System.IO.Compression;
using System.Text;
using DpoPipeline.Core.Samples;
using DpoPipeline.Testing;
using Xunit;

namespace DpoPipeline.Cli.Tests.Docs;

/// <summary>
/// The docs stay true: every `dpo` command they show parses with the real command tree, and those that can run here
/// — on the sample, on files made from it, against the built-in emulator — run and succeed.
/// </summary>
public sealed class DocumentedCommandTests : IDisposable
{
    /// <summary>Verbs that work on local files and the emulator; `dpo runs` needs a deployed pipeline (its tests host one).</summary>
    private static readonly HashSet<string> LocalVerbs = new(StringComparer.Ordinal) { "validate", "convert", "stats", "estimate", "run", "report" };

    private readonly string _work = Directory.CreateTempSubdirectory("dpo-docs-test-").FullName;

    [Fact(Timeout = 60_000)]
    public void Every_fenced_dpo_command_parses_without_errors()
    {
        var fenced = DocumentedCommands.All.Where(c => c.Fenced).ToList();

        var failures = fenced
            .Select(command => (command, errors: Parse(command.Args).Errors.Select(e => e.Message).ToList()))
            .Where(parsed => parsed.errors.Count > 0)
            .Select(parsed => $"{parsed.command}\n    {string.Join("\n    ", parsed.errors)}")
            .ToList();

        Assert.True(failures.Count == 0, "Commands in the docs that dpo refuses:\n" + string.Join("\n", failures));
        Assert.Contains(fenced, c => c.Args.SequenceEqual(["run", "--sample"]));
        Assert.Contains(fenced, c => c.Verb == "runs");
        Assert.True(fenced.Count >= 20, $"only {fenced.Count} fenced commands found in {string.Join(", ", DocumentedCommands.Files)}");
    }

    [Fact(Timeout = 60_000)]
    public void Every_inline_dpo_command_names_a_real_verb_and_real_options()
    {
        var inline = DocumentedCommands.All.Where(c => !c.Fenced).ToList();

        var failures = inline
            .Select(command => (command, parsed: Parse(command.Args)))
            .Where(p => p.parsed.UnmatchedTokens.Count > 0 || p.parsed.CommandResult.Command is System.CommandLine.RootCommand)
            .Select(p => $"{p.command}: not understood: {string.Join(' ', p.parsed.UnmatchedTokens)}")
            .ToList();

        Assert.True(failures.Count == 0, "Inline commands in the docs that dpo does not know:\n" + string.Join("\n", failures));
        Assert.Contains(inline, c => c.Verb == "estimate" && c.Args.Contains("--base-model"));
    }

    [Fact(Timeout = 600_000)]
    public async Task The_documented_local_commands_run_and_succeed_on_the_sample()
    {
        await PrepareFilesAsync();
        var runnable = DocumentedCommands.All
            .Where(c => c.Fenced && LocalVerbs.Contains(c.Verb) && NamedFilesExist(c))
            .DistinctBy(c => string.Join(' ', c.Args))
            .ToList();

        var failures = new List<string>();
        foreach (var command in runnable)
        {
            var run = await CliRun.InvokeAsync([.. Rooted(command.Args)]);
            if (run.ExitCode != 0)
            {
                failures.Add($"{command}\n    exit {run.ExitCode}: {run.Error.Trim()}");
            }
        }

        Assert.True(failures.Count == 0, "Documented commands that fail:\n" + string.Join("\n", failures));
        Assert.Contains(runnable, c => c.Args.SequenceEqual(["run", "--sample"]));
        Assert.Contains(runnable, c => c.Verb == "validate" && c.Args.Contains("data.jsonl"));
        Assert.Contains(runnable, c => c.Verb == "stats");
        Assert.Contains(runnable, c => c.Verb == "estimate");
    }

    [Fact(Timeout = 60_000)]
    public void The_READMEs_first_screen_holds_exactly_its_two_commands()
    {
        var commands = DocumentedCommands.FirstBlock(RepositoryPaths.Combine("README.md"))
            .Select(line => string.Join(' ', ShellWords.Split(line)))
            .Where(line => line.Length > 0)
            .ToList();

        Assert.Equal(["dotnet run --project src/DpoPipeline.Cli -- run --sample", "dotnet test"], commands);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static System.CommandLine.ParseResult Parse(IReadOnlyList<string> args) =>
        DpoCli.CreateRootCommand(new CliOutput(TextWriter.Null, TextWriter.Null)).Parse([.. args]);

    /// <summary>
    /// Paths made absolute in the work folder (the test cannot change this process's directory); `dpo run` stays in
    /// memory and runs its clock ×3000 so a whole run takes seconds, keeping its state in the work folder.
    /// </summary>
    private IEnumerable<string> Rooted(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var previous = i > 0 ? args[i - 1] : null;
            yield return previous is "-o" or "--out" || File.Exists(Path.Combine(_work, arg)) ? Path.Combine(_work, arg) : arg;
        }

        if (args[0] == "run")
        {
            yield return "--in-memory";
            yield return "--time-scale";
            yield return "3000";
            if (!args.Contains("--out") && !args.Contains("-o"))
            {
                yield return "--out";
                yield return Path.Combine(_work, ".dpo");
            }
        }
    }

    /// <summary>Whether every file the command names is one this test makes; a command on another file is only parsed.</summary>
    private bool NamedFilesExist(DocumentedCommand command)
    {
        var parsed = Parse(command.Args);
        var file = parsed.CommandResult.Children.OfType<System.CommandLine.Parsing.ArgumentResult>().SelectMany(a => a.Tokens).Select(t => t.Value).FirstOrDefault();
        return file is null || File.Exists(Path.Combine(_work, file));
    }

    /// <summary>The files the docs' examples name, made from the embedded sample: pairs.jsonl, data.jsonl, data.json.gz.</summary>
    private async Task PrepareFilesAsync()
    {
        var sample = await SampleDatasets.Default.ExtractAsync(Path.Combine(_work, "sample"), TestContext.Current.CancellationToken);
        File.Copy(sample, Path.Combine(_work, "pairs.jsonl"));
        File.Copy(sample, Path.Combine(_work, "data.jsonl"));
        var lines = await File.ReadAllLinesAsync(sample, TestContext.Current.CancellationToken);
        await using var gz = new GZipStream(File.Create(Path.Combine(_work, "data.json.gz")), CompressionLevel.Fastest);
        await gz.WriteAsync(Encoding.UTF8.GetBytes("[" + string.Join(",\n", lines.Where(l => l.Length > 0)) + "]"), TestContext.Current.CancellationToken);
    }
}
