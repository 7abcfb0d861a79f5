using System.Globalization;
using DpoPipeline.Workflow.Runs;
using Spectre.Console;

namespace DpoPipeline.Cli;

/// <summary>The table `dpo run` ends with: outcome, job, model, losses, evaluation and where the files are.</summary>
internal static class RunSummary
{
    public static void Write(IAnsiConsole console, RunResult result, string runsFolder)
    {
        var s = result.Status;
        var table = new Table().AddColumns("", "").HideHeaders().Border(TableBorder.Rounded);
        void Row(string name, object? value)
        {
            if (value is not null)
            {
                table.AddRow(Markup.Escape(name), Markup.Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
            }
        }

        Row("Run", s.RunId);
        Row("Outcome", result.Outcome);
        Row("Examples (train / validation)", s.TrainingExamples is null ? null : $"{s.TrainingExamples} / {s.ValidationExamples}");
        Row("Estimated cost (USD)", s.EstimatedCostUsd?.ToString("0.00", CultureInfo.InvariantCulture));
        Row("Job", s.JobId is null ? null : $"{s.JobId} ({s.JobStatus})");
        Row("Fine-tuned model", s.FineTunedModel);
        Row("Final train / validation loss", s.LatestMetrics is { } m ? $"{m.TrainLoss:0.###} / {m.ValidationLoss:0.###}" : null);
        Row("Deployment", s.Deployment);
        Row("Win rate vs base", s.Evaluation?.WinRate is { } w
            ? $"{w:P0} (95% CI {s.Evaluation.WinRateLow:P0}–{s.Evaluation.WinRateHigh:P0}, {s.Evaluation.Pairs} pairs)" : s.Evaluation?.Note);
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
    }

    private static string Count(IReadOnlyList<string> items, string noun) =>
        items.Count == 0 ? $"no {noun}" : $"{items.Count} {noun}{(items.Count == 1 ? string.Empty : "s")} ({string.Join(", ", items)})";
}
