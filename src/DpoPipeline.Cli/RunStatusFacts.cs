using System.Globalization;
using DpoPipeline.Workflow.Runs;
using Spectre.Console;

namespace DpoPipeline.Cli;

/// <summary>The rows a run's status contributes to a summary table, the same for a local run and a deployed pipeline's.</summary>
internal static class RunStatusFacts
{
    /// <param name="location">How to show a file the run wrote: a local path, or a link.</param>
    public static FactTable AddResults(this FactTable table, RunStatus s, Func<Uri, string> location)
    {
        table
            .Row("Examples (train / validation)", s.TrainingExamples is null ? null : $"{s.TrainingExamples} / {s.ValidationExamples}")
            .Row("Estimated cost (USD)", s.EstimatedCostUsd?.ToString("0.00", CultureInfo.InvariantCulture))
            .Row("Approval", s.Approval is { } a
                ? $"{(a.Approved ? "approved" : "refused")} by {a.DecidedBy ?? "someone unrecorded"}{(a.Comment is null ? string.Empty : $": {a.Comment}")}"
                : null)
            .Row("Sweep winner", s.SweepDecision);
        foreach (var v in s.Variants)
        {
            table.Row($"Variant v{v.Index}{(v.Winner ? " (winner)" : string.Empty)}", Describe(v));
        }

        table
            .Row("Queued", s.Queue is { } q ? $"{q.Describe()}, since {q.Since:u}" : null)
            .Row("Base model", s.ResolvedBaseModel is { } resolved
                ? $"{resolved} (fine-tuned, family {s.BaseModelFamily}{(s.BaseModelFromRun is { } run ? $", from run {run}" : string.Empty)})"
                : null)
            .Row("SFT job (stage 1)", s.SftJobId is null ? null : $"{s.SftJobId} ({s.SftJobStatus})")
            .Row("SFT model (not deployed)", s.SftModel)
            .Row("Job", s.JobId is null ? null : $"{s.JobId} ({s.JobStatus})")
            .Row("Fine-tuned model", s.FineTunedModel)
            .Row("Final train / validation loss", s.LatestMetrics is { } m ? $"{m.TrainLoss:0.###} / {m.ValidationLoss:0.###}" : null)
            .Row("Deployment", s.Deployment);
        foreach (var (name, value) in EvaluationView.Rows(s.Evaluation))
        {
            table.Row(name, value);
        }

        table
            .Row("SFT vs base", StageRow(s.SftEvaluation))
            .Row("SFT+DPO vs SFT", StageRow(s.DpoOverSftEvaluation))
            .Row("Did DPO add anything over SFT?", s.SftVerdict);
        return table
            .Row("Released", s.CleanedUp is { } c
                ? $"{Count(c.CancelledJobs, "job")} cancelled, {Count(c.DeletedFiles, "file")} and {Count(c.DeletedDeployments, "deployment")} deleted"
                : null)
            .Row("Superseded by", s.SupersededBy)
            .Row("Validation report", s.ValidationReportUri is { } validation ? location(validation) : null)
            .Row("Report", s.ReportUri is { } report ? location(report) : null);
    }

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

    /// <summary>The evaluation's caveats, printed under the table where they are read whole.</summary>
    public static void WriteCaveats(IAnsiConsole console, RunStatus s)
    {
        foreach (var caveat in s.Evaluation?.Caveats ?? [])
        {
            console.MarkupLine($"[yellow]Caveat:[/] {Markup.Escape(caveat)}");
        }
    }

    private static string Describe(VariantResult v)
    {
        var parts = new List<string> { $"{v.Label}: {v.State.ToString().ToLowerInvariant()}" };
        if (v.JobId is not null)
        {
            parts.Add($"job {v.JobId}");
        }

        if (v.FinalValidationLoss is { } loss)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"validation loss {loss:0.###}"));
        }

        if (v.WinRate is { } rate)
        {
            parts.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"win rate {rate:0.0%} ({v.WinRateLow:0%}–{v.WinRateHigh:0%}, {v.EvaluationPairs} pairs{(v.Emulated ? ", emulated" : string.Empty)})"));
        }

        if (v.EstimatedCostUsd is { } cost)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"~{cost:0.00} USD"));
        }

        if (v.Error is { } error)
        {
            parts.Add(error.Message);
        }

        return string.Join(", ", parts);
    }
    private static string? StageRow(EvaluationSummary? e) =>
        e is null ? null
        : e.WinRate is { } rate
            ? string.Create(CultureInfo.InvariantCulture, $"win rate {rate:P1} (95% CI {e.WinRateLow:P1}–{e.WinRateHigh:P1}, {e.Pairs} pairs, {e.Method})")
            : e.Note ?? "not decided";

    private static string Count(IReadOnlyList<string> items, string noun) =>
        items.Count == 0 ? $"no {noun}" : $"{items.Count} {noun}{(items.Count == 1 ? string.Empty : "s")} ({string.Join(", ", items)})";
}
