using System.Globalization;
using DpoPipeline.Core.Reports;
using DpoPipeline.Workflow.Runs;
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
        var s = run.Status;
        if (run.Emulated)
        {
            console.Write(new FigletText(EmulationNotice.Title).Color(Color.Red));
            console.MarkupLine($"[red]{Markup.Escape(EmulationNotice.Text)}[/]");
        }

        var table = new Table().AddColumns("", "").HideHeaders().Border(TableBorder.Rounded);
        void Row(string name, object? value)
        {
            if (value is not null)
            {
                table.AddRow(Markup.Escape(name), Markup.Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
            }
        }

        Row("Run", s.RunId);
        Row("Outcome", run.Outcome);
        Row("Service", run.Service);
        Row("Examples (train / validation)", s.TrainingExamples is null ? null : $"{s.TrainingExamples} / {s.ValidationExamples}");
        Row("Estimated cost (USD)", s.EstimatedCostUsd?.ToString("0.00", CultureInfo.InvariantCulture));
        Row("Job", s.JobId is null ? null : $"{s.JobId} ({s.JobStatus})");
        Row("Fine-tuned model", s.FineTunedModel);
        Row("Final train / validation loss", s.LatestMetrics is { } m ? $"{m.TrainLoss:0.###} / {m.ValidationLoss:0.###}" : null);
        Row("Deployment", s.Deployment);
        foreach (var (name, value) in EvaluationView.Rows(s.Evaluation))
        {
            Row(name, value);
        }

        Row("Released", s.CleanedUp is { } c
            ? $"{Count(c.CancelledJobs, "job")} cancelled, {Count(c.DeletedFiles, "file")} and {Count(c.DeletedDeployments, "deployment")} deleted"
            : null);
        Row("Validation report", s.ValidationReportUri?.LocalPath);
        Row("Report", s.ReportUri?.LocalPath);
        Row("Run files", Path.GetFullPath(Path.Combine(runsFolder, s.RunId)));
        foreach (var error in s.Errors)
        {
            Row($"Error {error.Code}", $"{error.Message}{(error.Source is null ? "" : $" ({error.Source})")}");
        }

        console.Write(table);
        foreach (var caveat in s.Evaluation?.Caveats ?? [])
        {
            console.MarkupLine($"[yellow]Caveat:[/] {Markup.Escape(caveat)}");
        }
    }

    private static string Count(IReadOnlyList<string> items, string noun) =>
        items.Count == 0 ? $"no {noun}" : $"{items.Count} {noun}{(items.Count == 1 ? string.Empty : "s")} ({string.Join(", ", items)})";
}
