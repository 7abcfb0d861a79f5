using System.CommandLine;
using System.Globalization;
using DpoPipeline.Core.Serialization;
using DpoPipeline.Core.Stats;
using Spectre.Console;

namespace DpoPipeline.Cli;

/// <summary>`dpo stats FILE`: rows, turns, token distributions and histograms of prompts and replies.</summary>
internal static class StatsCommand
{
    private const int BarWidth = 40;

    public static Command Create(CliOutput output)
    {
        var input = new DatasetInputOptions();
        var json = new Option<bool>("--json") { Description = "Print the statistics as JSON on stdout." };
        var command = new Command("stats", "Token and turn statistics of a dataset, per the base model's tokenizer.");
        input.AddTo(command);
        command.Options.Add(json);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(output, async () =>
        {
            if (await input.ResolvePathAsync(parseResult, output, cancellationToken) is not { } path)
            {
                return ExitCodes.UsageOrIoError;
            }

            var stats = await ProgressDisplay.RunAsync(output, path, "Counting", progress =>
                DatasetStatsCollector.CollectAsync(path, input.ToValidationOptions(parseResult), progress, cancellationToken));
            if (parseResult.GetValue(json))
            {
                await output.Out.WriteLineAsync(ReportJson.Serialize(stats));
            }
            else
            {
                Render(output.Console, stats);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static void Render(IAnsiConsole console, DatasetStats stats)
    {
        console.MarkupLine($"[bold]{Markup.Escape(stats.File)}[/]  {stats.Rows:N0} rows, {stats.Examples:N0} usable examples"
            + (stats.InvalidRows > 0 ? $", [red]{stats.InvalidRows:N0} invalid[/] (see dpo validate)" : string.Empty));
        console.MarkupLine("Messages by role: " + string.Join(", ", stats.MessagesByRole.Select(kv => $"{kv.Key} {kv.Value:N0}")));

        var table = new Table().Border(TableBorder.Rounded).Title($"Tokens ({stats.Encoding}, 3 per message included)")
            .AddColumns("", "min", "p50", "p95", "max", "mean", "total");
        foreach (var (name, d) in Rows(stats))
        {
            table.AddRow(name, N(d.Min), N(d.P50), N(d.P95), N(d.Max), d.Mean.ToString("N1", CultureInfo.CurrentCulture), d.Total.ToString("N0", CultureInfo.CurrentCulture));
        }

        console.Write(table);
        foreach (var (name, d) in Rows(stats).Take(3))
        {
            Histogram(console, name, d);
        }
    }

    private static IEnumerable<(string Name, Distribution Distribution)> Rows(DatasetStats stats) =>
    [
        ("prompt", stats.PromptTokens),
        ("chosen", stats.ChosenTokens),
        ("rejected", stats.RejectedTokens),
        ("example", stats.ExampleTokens),
        ("prompt turns", stats.PromptTurns),
    ];

    private static void Histogram(IAnsiConsole console, string name, Distribution distribution)
    {
        if (distribution.Count == 0)
        {
            return;
        }

        console.WriteLine();
        console.MarkupLine($"[bold]{name} tokens[/]");
        var largest = distribution.Histogram.Max(b => b.Count);
        foreach (var bucket in distribution.Histogram)
        {
            var bar = new string('█', (int)Math.Round((double)bucket.Count / largest * BarWidth));
            console.MarkupLine($"{bucket.From,8:N0}–{bucket.To,-8:N0} [blue]{bar}[/] {bucket.Count:N0}");
        }
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.CurrentCulture);
}
