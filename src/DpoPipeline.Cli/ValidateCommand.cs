using System.CommandLine;
using DpoPipeline.Core.Datasets;
using DpoPipeline.Core.Serialization;

namespace DpoPipeline.Cli;

/// <summary>`dpo validate FILE`: checks a dataset like the service would; exit 0 valid, 1 invalid, 2 usage/IO error.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliOutput output)
    {
        var input = new DatasetInputOptions();
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (docs/schemas/validation-report.schema.json) on stdout." };
        var validationFile = new Option<string?>("--validation-file") { Description = "Also check this validation file, and report prompts found in both." };
        var maxIssues = new Option<int>("--max-issues") { Description = "Issues listed per code (counts are always exact).", DefaultValueFactory = _ => 20 };

        var command = new Command("validate", "Check a dataset the way Azure OpenAI will, before anything is uploaded or paid for.");
        input.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(validationFile);
        command.Options.Add(maxIssues);
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(output, async () =>
        {
            var companion = parseResult.GetValue(validationFile);
            if (await input.ResolvePathAsync(parseResult, output, cancellationToken) is not { } path)
            {
                return ExitCodes.UsageOrIoError;
            }

            if (companion is not null && !File.Exists(companion))
            {
                output.WriteError($"File not found: {companion}");
                return ExitCodes.UsageOrIoError;
            }

            var options = input.ToValidationOptions(parseResult) with
            {
                ValidationFile = companion,
                MaxIssuesPerCode = Math.Max(1, parseResult.GetValue(maxIssues)),
            };
            var report = await ProgressDisplay.RunAsync(output, path, "Validating", progress =>
                DatasetValidator.ValidateAsync(path, options, progress, cancellationToken));

            if (parseResult.GetValue(json))
            {
                await output.Out.WriteLineAsync(ReportJson.Serialize(report));
            }
            else
            {
                ValidationReportView.Render(output.Console, report);
            }

            return report.IsValid ? ExitCodes.Success : ExitCodes.Invalid;
        }));
        return command;
    }
}
