using DpoPipeline.Core.Datasets;
using Spectre.Console;

namespace DpoPipeline.Cli;

/// <summary>The human report: a summary, then errors and warnings grouped by code with their first lines and the fix.</summary>
internal static class ValidationReportView
{
    private const int LinesShownPerCode = 5;

    public static void Render(IAnsiConsole console, ValidationReport report)
    {
        var format = report.Format is { } f ? EnumNames.NameOf(f) + (report.Compressed ? ".gz" : string.Empty) : "unknown";
        var shape = report.Shape is { } s ? EnumNames.NameOf(s) : "unknown";
        console.MarkupLine($"[bold]{Markup.Escape(report.File)}[/]  format [blue]{format}[/], shape [blue]{shape}[/]");
        console.MarkupLine($"Examples: {report.ExampleCount:N0} ({report.ValidExampleCount:N0} valid)"
            + (report.ValidationFile is null ? string.Empty : $", validation file {Markup.Escape(report.ValidationFile)}: {report.ValidationExampleCount:N0}"));
        var tokens = report.Tokens;
        console.MarkupLine($"Tokens ({Markup.Escape(tokens.BaseModel)}, {tokens.Encoding}): train {tokens.TrainTokens:N0}"
            + (report.ValidationExampleCount == 0 ? string.Empty : $", validation {tokens.ValidationTokens:N0}")
            + $", longest example {tokens.MaxExampleTokens:N0} of {tokens.ExampleTokenLimit:N0} allowed");

        RenderGroup(console, report, IssueSeverity.Error, report.ErrorCounts, "red");
        RenderGroup(console, report, IssueSeverity.Warning, report.WarningCounts, "yellow");

        console.WriteLine();
        if (report.IsValid)
        {
            console.MarkupLine(report.WarningCount == 0
                ? "[green]Valid:[/] the service should accept this file."
                : $"[green]Valid[/] with {report.WarningCount:N0} warning(s): accepted, but read the warnings before paying for training.");
        }
        else
        {
            console.MarkupLine($"[red]Invalid:[/] {report.ErrorCount:N0} error(s); the service would refuse this file.");
        }
    }

    private static void RenderGroup(IAnsiConsole console, ValidationReport report, IssueSeverity severity, IReadOnlyDictionary<string, long> counts, string colour)
    {
        if (counts.Count == 0)
        {
            return;
        }

        console.WriteLine();
        var table = new Table().Border(TableBorder.Rounded).Title($"[{colour}]{(severity == IssueSeverity.Error ? "Errors" : "Warnings")}[/]");
        table.AddColumn("Code");
        table.AddColumn(new TableColumn("Count").RightAligned());
        table.AddColumn("Where (first lines) and what");
        table.AddColumn("How to fix");
        foreach (var (code, count) in counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var examples = report.Issues.Where(i => i.Code == code && i.Severity == severity).Take(LinesShownPerCode).ToList();
            var where = string.Join("\n", examples.Select(Describe));
            table.AddRow(
                new Markup($"[{colour}]{code}[/]"),
                new Text(count.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)),
                new Text(where),
                new Text(IssueCodes.HintFor(code)));
        }

        console.Write(table);
    }

    private static string Describe(ValidationIssue issue)
    {
        var location = issue.Line is { } line ? $"{Path.GetFileName(issue.File)}:{line}" : Path.GetFileName(issue.File);
        var path = issue.JsonPath is null ? string.Empty : $" {issue.JsonPath}";
        return $"{location}{path}: {issue.Message}";
    }
}
