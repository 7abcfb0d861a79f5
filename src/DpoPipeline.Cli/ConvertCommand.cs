using System.CommandLine;
using System.Globalization;
using DpoPipeline.Core.Datasets;
using DpoPipeline.Core.Serialization;
using Spectre.Console;

namespace DpoPipeline.Cli;

/// <summary>`dpo convert IN -o DIR`: writes train.jsonl/validation.jsonl in the Azure DPO format, a manifest and the report.</summary>
internal static class ConvertCommand
{
    public static Command Create(CliOutput output)
    {
        var input = new DatasetInputOptions();
        var outputDirectory = new Option<string>("--output", "-o") { Description = "Folder for train.jsonl, validation.jsonl, manifest.json, validation-report.json.", Required = true };
        var fraction = new Option<double>("--validation-fraction") { Description = "Share of examples (whole prompt groups) for validation.jsonl; 0 for none.", DefaultValueFactory = _ => 0.1 };
        var seed = new Option<int>("--seed") { Description = "Seed of the prompt-keyed split (same input and seed: byte-identical files).", DefaultValueFactory = _ => 42 };
        var dedupe = new Option<bool>("--dedupe") { Description = "Drop exact duplicate examples (keeps the first)." };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Leave out invalid examples (listed as warnings) instead of refusing the dataset." };
        var json = new Option<bool>("--json") { Description = "Print the validation report as JSON on stdout." };
        fraction.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (value is < 0 or >= 1)
            {
                result.AddError("--validation-fraction must be at least 0 and below 1.");
            }
        });

        var command = new Command("convert", "Convert a preference dataset into Azure OpenAI DPO train/validation files; writes nothing but the report if it is invalid.");
        input.AddTo(command);
        command.Options.Add(outputDirectory);
        command.Options.Add(fraction);
        command.Options.Add(seed);
        command.Options.Add(dedupe);
        command.Options.Add(skipInvalid);
        command.Options.Add(json);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(output, async () =>
        {
            if (await input.ResolvePathAsync(parseResult, output, cancellationToken) is not { } path)
            {
                return ExitCodes.UsageOrIoError;
            }

            var reading = input.ToValidationOptions(parseResult);
            var options = new ConversionOptions
            {
                BaseModel = reading.BaseModel,
                Format = reading.Format,
                Shape = reading.Shape,
                Mapping = reading.Mapping,
                ValidationFraction = parseResult.GetValue(fraction),
                Seed = parseResult.GetValue(seed),
                Deduplicate = parseResult.GetValue(dedupe),
                SkipInvalidExamples = parseResult.GetValue(skipInvalid),
            };
            var result = await ProgressDisplay.RunAsync(output, path, "Converting", progress =>
                DatasetConverter.ConvertAsync(path, parseResult.GetValue(outputDirectory)!, options, progress, cancellationToken));

            if (parseResult.GetValue(json))
            {
                await output.Out.WriteLineAsync(ReportJson.Serialize(result.Report));
            }
            else
            {
                ValidationReportView.Render(output.Console, result.Report);
                RenderFiles(output.Console, result);
            }

            return result.Manifest is null ? ExitCodes.Invalid : ExitCodes.Success;
        }));
        return command;
    }

    private static void RenderFiles(IAnsiConsole console, ConversionResult result)
    {
        console.WriteLine();
        if (result.Manifest is not { } manifest)
        {
            console.MarkupLine($"Nothing converted; the report is in {Markup.Escape(result.ReportPath)}.");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumns("File", "Examples", "Tokens", "Bytes", "SHA-256");
        foreach (var (file, path) in new[] { (manifest.Train, result.TrainPath), (manifest.Validation, result.ValidationPath) })
        {
            if (file is not null)
            {
                table.AddRow(
                    Markup.Escape(path!),
                    file.Examples.ToString("N0", CultureInfo.CurrentCulture),
                    file.Tokens.ToString("N0", CultureInfo.CurrentCulture),
                    file.Bytes.ToString("N0", CultureInfo.CurrentCulture),
                    file.Sha256[..16] + "…");
            }
        }

        console.Write(table);
        if (manifest.DuplicatesDropped > 0)
        {
            console.MarkupLine($"Dropped {manifest.DuplicatesDropped:N0} exact duplicate(s).");
        }

        console.MarkupLine($"Manifest: {Markup.Escape(result.ManifestPath!)}");
    }
}
