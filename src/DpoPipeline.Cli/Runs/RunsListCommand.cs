using System.CommandLine;
using System.Globalization;
using System.Text;
using DpoPipeline.Core.Reports;
using DpoPipeline.Workflow.Api;
using Spectre.Console;

namespace DpoPipeline.Cli.Runs;

/// <summary>`dpo runs list`: one page of runs, newest state first as the API gives them, with the token for the next page.</summary>
internal static class RunsListCommand
{
    public static Command Create(CliOutput output, RunsApiOptions api)
    {
        var status = new Option<string[]>("--status")
        {
            Description = "Only runs in these states: Pending, Running, Suspended, Completed, Failed, Terminated (repeat or comma-separate).",
            AllowMultipleArgumentsPerToken = true,
        };
        var prefix = new Option<string?>("--prefix") { Description = "Only runs whose id starts with this (run ids start with the dataset's name)." };
        var createdFrom = new Option<DateTimeOffset?>("--created-from") { Description = "Only runs started at or after this time (ISO 8601, UTC unless it says otherwise)." };
        var createdTo = new Option<DateTimeOffset?>("--created-to") { Description = "Only runs started before this time." };
        var top = new Option<int>("--top") { Description = "Runs per page, 1 to 500.", DefaultValueFactory = _ => 50 };
        var token = new Option<string?>("--continuation-token") { Description = "Next page: the token the previous page ended with." };
        var json = new Option<bool>("--json") { Description = "Print the API's page ({\"runs\", \"continuationToken\"}) as JSON on stdout." };
        top.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 500)
            {
                result.AddError("--top must be between 1 and 500.");
            }
        });

        var command = new Command("list", "List the pipeline's runs: phase, outcome, when each started, and its fine-tuning job.");
        foreach (var option in new Option[] { status, prefix, createdFrom, createdTo, top, token, json })
        {
            command.Options.Add(option);
        }

        RunsVerb.SetAction(command, output, api, async (parseResult, client, cancellationToken) =>
        {
            var query = new List<string> { $"top={parseResult.GetValue(top)}" };
            void Add(string name, string? value)
            {
                if (!string.IsNullOrEmpty(value))
                {
                    query.Add($"{name}={Uri.EscapeDataString(value)}");
                }
            }

            Add("status", string.Join(',', parseResult.GetValue(status) ?? []));
            Add("prefix", parseResult.GetValue(prefix));
            Add("createdFrom", parseResult.GetValue(createdFrom)?.ToString("O", CultureInfo.InvariantCulture));
            Add("createdTo", parseResult.GetValue(createdTo)?.ToString("O", CultureInfo.InvariantCulture));
            Add("continuationToken", parseResult.GetValue(token));
            var path = "runs?" + string.Join('&', query);

            if (parseResult.GetValue(json))
            {
                await output.Out.WriteLineAsync(Encoding.UTF8.GetString(await client.GetAsync(path, cancellationToken)));
                return ExitCodes.Success;
            }

            var page = await client.GetJsonAsync<RunPage>(path, cancellationToken);
            Write(output, page);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Write(CliOutput output, RunPage page)
    {
        if (page.Runs.Count == 0)
        {
            output.Console.WriteLine("No runs.");
        }
        else
        {
            // Ids are copied into the next command: they never wrap.
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn(new TableColumn("Run").NoWrap())
                .AddColumns("Status", "Phase", "Outcome")
                .AddColumn(new TableColumn("Created (UTC)").NoWrap())
                .AddColumn(new TableColumn("Job").NoWrap());
            foreach (var run in page.Runs)
            {
                table.AddRow(
                    Markup.Escape(run.RunId),
                    Markup.Escape(run.RuntimeStatus),
                    Markup.Escape(run.Status?.Phase.ToString() ?? "-"),
                    Markup.Escape(run.Outcome?.ToString() ?? "-"),
                    Markup.Escape(ReportFormat.Timestamp(run.CreatedAt)),
                    Markup.Escape(run.Status?.JobId ?? "-"));
            }

            output.Console.Write(table);
        }

        if (page.ContinuationToken is { } next)
        {
            output.ErrorConsole.MarkupLine(Markup.Escape($"More runs: dpo runs list --continuation-token '{next}' (with the same filters)."));
        }
    }
}
