using System.Globalization;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Cli;

/// <summary>The rows a run's status contributes to a summary table, the same for a local run and a deployed pipeline's.</summary>
internal static class RunStatusFacts
{
    /// <param name="location">How to show a file the run wrote: a local path, or a link.</param>
    public static FactTable AddResults(this FactTable table, RunStatus s, Func<Uri, string> location) => table
        .Row("Examples (train / validation)", s.TrainingExamples is null ? null : $"{s.TrainingExamples} / {s.ValidationExamples}")
        .Row("Estimated cost (USD)", s.EstimatedCostUsd?.ToString("0.00", CultureInfo.InvariantCulture))
        .Row("Job", s.JobId is null ? null : $"{s.JobId} ({s.JobStatus})")
        .Row("Fine-tuned model", s.FineTunedModel)
        .Row("Final train / validation loss", s.LatestMetrics is { } m ? $"{m.TrainLoss:0.###} / {m.ValidationLoss:0.###}" : null)
        .Row("Deployment", s.Deployment)
        .Row("Win rate vs base", s.Evaluation?.WinRate is { } w
            ? $"{w:P0} (95% CI {s.Evaluation.WinRateLow:P0}–{s.Evaluation.WinRateHigh:P0}, {s.Evaluation.Pairs} pairs)" : s.Evaluation?.Note)
        .Row("Validation report", s.ValidationReportUri is { } validation ? location(validation) : null)
        .Row("Report", s.ReportUri is { } report ? location(report) : null);

    public static FactTable AddErrors(this FactTable table, RunStatus s)
    {
        foreach (var warning in s.Warnings)
        {
            table.Row($"Warning {warning.Code}", warning.Message);
        }

        foreach (var error in s.Errors)
        {
            table.Row($"Error {error.Code}", $"{error.Message}{(error.Source is null ? "" : $" ({error.Source})")}");
        }

        return table;
    }
}
