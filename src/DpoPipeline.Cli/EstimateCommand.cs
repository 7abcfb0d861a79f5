using System.CommandLine;
using DpoPipeline.Core.Costs;
using DpoPipeline.Core.Datasets;
using DpoPipeline.Core.Serialization;
using Spectre.Console;

namespace DpoPipeline.Cli;

/// <summary>`dpo estimate FILE`: billed training tokens and an estimated cost from the price table, clearly labelled as an estimate.</summary>
internal static class EstimateCommand
{
    public static Command Create(CliOutput output)
    {
        var input = new DatasetInputOptions();
        var epochs = new Option<int>("--epochs", "-e") { Description = "Training epochs (the service's 'auto' usually picks 3).", DefaultValueFactory = _ => TrainingCostEstimator.TypicalAutoEpochs };
        var tokens = new Option<long?>("--tokens") { Description = "Training tokens, instead of counting a file." };
        var priceTable = new Option<string?>("--price-table") { Description = "A price table JSON of your own (same shape as the built-in one)." };
        var json = new Option<bool>("--json") { Description = "Print the estimate as JSON on stdout." };
        epochs.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 50)
            {
                result.AddError("--epochs must be between 1 and 50.");
            }
        });

        var command = new Command("estimate", "Estimate the training cost of a dataset (an estimate, not a quote).");
        command.Options.Add(tokens);
        input.AddTo(command, alternative: tokens);
        command.Options.Add(epochs);
        command.Options.Add(priceTable);
        command.Options.Add(json);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(output, async () =>
        {
            var prices = PriceTable.Default;
            if (parseResult.GetValue(priceTable) is { } tablePath)
            {
                await using var stream = File.OpenRead(tablePath);
                prices = PriceTable.Load(stream);
            }

            var options = input.ToValidationOptions(parseResult);
            var trainingTokens = parseResult.GetValue(tokens);
            if (trainingTokens is null)
            {
                if (await input.ResolvePathAsync(parseResult, output, cancellationToken) is not { } path)
                {
                    return ExitCodes.UsageOrIoError;
                }

                var report = await ProgressDisplay.RunAsync(output, path, "Counting tokens", progress =>
                    DatasetValidator.ValidateAsync(path, options, progress, cancellationToken));
                if (!report.IsValid)
                {
                    output.WriteError($"The dataset has {report.ErrorCount:N0} error(s); the estimate counts only its {report.ValidExampleCount:N0} valid examples. Run dpo validate for details.");
                }

                trainingTokens = report.Tokens.TrainTokens;
            }

            var estimate = TrainingCostEstimator.Estimate(options.BaseModel, trainingTokens.Value, parseResult.GetValue(epochs), prices);
            if (parseResult.GetValue(json))
            {
                await output.Out.WriteLineAsync(ReportJson.Serialize(estimate));
            }
            else
            {
                Render(output.Console, estimate);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static void Render(IAnsiConsole console, CostEstimate estimate)
    {
        console.MarkupLine($"Base model: [bold]{Markup.Escape(estimate.BaseModel)}[/]");
        console.MarkupLine($"Training tokens: {estimate.TrainingTokens:N0} × {estimate.Epochs} epoch(s) = [bold]{estimate.BilledTokens:N0}[/] billed tokens");
        console.MarkupLine($"Price: {estimate.PricePerMillionTokens:N2} {estimate.Currency} per 1M tokens (price table of {estimate.PriceTableDate})");
        console.MarkupLine($"Estimated training cost: [bold]~{estimate.EstimatedUsd:N2} {estimate.Currency}[/]");
        console.WriteLine();
        foreach (var note in estimate.Notes)
        {
            console.MarkupLine($"[yellow]![/] {Markup.Escape(note)}");
        }

        console.MarkupLine($"  Source: {Markup.Escape(estimate.PriceSource)}");
    }
}
