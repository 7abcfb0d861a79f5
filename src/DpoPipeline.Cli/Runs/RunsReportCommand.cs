using System.CommandLine;
using System.Text;

namespace DpoPipeline.Cli.Runs;

/// <summary>
/// `dpo runs report RUN`: downloads the run's report from the pipeline — the self-contained HTML (charts embedded) by
/// default, or its Markdown or JSON — to a file, or to stdout with <c>-o -</c>.
/// </summary>
internal static class RunsReportCommand
{
    public static Command Create(CliOutput output, RunsApiOptions api)
    {
        var run = RunsVerb.RunId();
        var format = new Option<string>("--format") { Description = "html (self-contained, charts embedded), md or json.", DefaultValueFactory = _ => "html" };
        format.AcceptOnlyFromAmong("html", "md", "json");
        var file = new Option<string?>("--out", "-o") { Description = "File to write (default: <run>-report.<format> in this folder); - writes to stdout." };
        var command = new Command("report", "Download a run's report (HTML with its charts, Markdown or JSON).");
        command.Arguments.Add(run);
        command.Options.Add(format);
        command.Options.Add(file);
        RunsVerb.SetAction(command, output, api, async (parseResult, client, cancellationToken) =>
        {
            var runId = parseResult.GetValue(run)!;
            var chosen = parseResult.GetValue(format)!;
            var content = await client.GetAsync($"{RunsVerb.RunPath(runId, "report")}?format={chosen}", cancellationToken);
            var target = parseResult.GetValue(file) ?? $"{runId}-report.{chosen}";
            if (target == "-")
            {
                await output.Out.WriteAsync(Encoding.UTF8.GetString(content));
                return ExitCodes.Success;
            }

            // Write beside and move, so an interrupted download never leaves half a report under the final name.
            var path = Path.GetFullPath(target);
            var partial = path + ".partial";
            await File.WriteAllBytesAsync(partial, content, cancellationToken);
            File.Move(partial, path, overwrite: true);
            await output.Out.WriteLineAsync(path);
            return ExitCodes.Success;
        });
        return command;
    }
}
