using DpoPipeline.Core.Reports;
using Spectre.Console;

namespace DpoPipeline.Cli;

/// <summary>
/// The table `dpo run` ends with: outcome, job, model, losses, the evaluation with where its numbers came from, and
/// where the files are. A run against an emulator says so in large type first.
/// </summary>
internal static class RunSummary
{
    public static void Write(IAnsiConsole console, LocalRunOutput run, string runsFolder)
    {
        if (run.Emulated)
        {
            console.Write(new FigletText(EmulationNotice.Title).Color(Color.Red));
            console.MarkupLine($"[red]{Markup.Escape(EmulationNotice.Text)}[/]");
        }

        console.Write(new FactTable()
            .Row("Run", run.Status.RunId)
            .Row("Outcome", run.Outcome)
            .Row("Service", run.Service)
            .AddResults(run.Status, uri => uri.LocalPath)
            .Row("Run files", Path.GetFullPath(Path.Combine(runsFolder, run.Status.RunId)))
            .AddErrors(run.Status)
            .Table);
        RunStatusFacts.WriteCaveats(console, run.Status);
    }
}
