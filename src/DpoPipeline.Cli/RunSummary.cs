using DpoPipeline.Workflow.Runs;
using Spectre.Console;

namespace DpoPipeline.Cli;

/// <summary>The table `dpo run` ends with: outcome, job, model, losses, evaluation and where the files are.</summary>
internal static class RunSummary
{
    public static void Write(IAnsiConsole console, RunResult result, string runsFolder) =>
        console.Write(new FactTable()
            .Row("Run", result.Status.RunId)
            .Row("Outcome", result.Outcome)
            .AddResults(result.Status, uri => uri.LocalPath)
            .Row("Run files", Path.GetFullPath(Path.Combine(runsFolder, result.Status.RunId)))
            .AddErrors(result.Status)
            .Table);
}
