using System.CommandLine;
using DpoPipeline.Core.Reports;

namespace DpoPipeline.Cli;

/// <summary>`dpo report RUN_DIR`: renders a run's report again from its report.json (charts, HTML, Markdown) into a folder.</summary>
internal static class ReportCommand
{
    public static Command Create(CliOutput output)
    {
        var run = new Argument<string>("run") { Description = "A run's folder (e.g. .dpo/runs/<runId>), its report folder, or a report.json file." };
        var folder = new Option<string?>("--out", "-o") { Description = "Where to write the report (default: beside report.json)." };
        var command = new Command("report", "Render a run report (HTML, Markdown, PNG charts) from the run's report.json.");
        command.Arguments.Add(run);
        command.Options.Add(folder);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(output, async () =>
        {
            if (Locate(parseResult.GetValue(run)!) is not { } json)
            {
                output.WriteError($"No {RunReportRenderer.DataName} in '{parseResult.GetValue(run)}' (looked in it and in its report/ folder).");
                return ExitCodes.UsageOrIoError;
            }

            RunReportData data;
            await using (var stream = File.OpenRead(json))
            {
                data = await RunReportJson.DeserializeAsync(stream, cancellationToken);
            }

            var target = parseResult.GetValue(folder) ?? Path.GetDirectoryName(Path.GetFullPath(json))!;
            var report = await new RunReportRenderer().RenderAsync(data, new FolderReportSink(target), cancellationToken);
            foreach (var file in report.Files)
            {
                await output.Out.WriteLineAsync(file.Location.LocalPath);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static string? Locate(string path) =>
        new[] { path, Path.Combine(path, RunReportRenderer.DataName), Path.Combine(path, "report", RunReportRenderer.DataName) }
            .FirstOrDefault(p => File.Exists(p) && p.EndsWith(RunReportRenderer.DataName, StringComparison.Ordinal));
}
