using System.CommandLine;
using DpoPipeline.Cli.Runs;

namespace DpoPipeline.Cli;

/// <summary>The `dpo` command tree. Parse errors are usage errors (exit 2), never a stack trace.</summary>
public static class DpoCli
{
    public static RootCommand CreateRootCommand(CliOutput output)
    {
        var root = new RootCommand("dpo: get preference datasets into Azure OpenAI DPO shape, know before paying that they will be accepted.");
        root.Subcommands.Add(ValidateCommand.Create(output));
        root.Subcommands.Add(ConvertCommand.Create(output));
        root.Subcommands.Add(StatsCommand.Create(output));
        root.Subcommands.Add(EstimateCommand.Create(output));
        root.Subcommands.Add(RunCommand.Create(output));
        root.Subcommands.Add(EvalCommand.Create(output));
        root.Subcommands.Add(ReportCommand.Create(output));
        root.Subcommands.Add(RunsCommand.Create(output));
        return root;
    }

    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var cli = new CliOutput(output, error);
        var parseResult = CreateRootCommand(cli).Parse(args);
        // Ctrl+C cancels the command's token; `dpo run` then stops its engine, emulator and Azurite (Azurite saves on close).
        var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                cli.WriteError(parseError.Message);
            }

            await error.WriteLineAsync("Run 'dpo --help' for usage.");
            return ExitCodes.UsageOrIoError;
        }

        return await parseResult.InvokeAsync(configuration, cancellationToken);
    }
}
