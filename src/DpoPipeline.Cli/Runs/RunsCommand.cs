using System.CommandLine;

namespace DpoPipeline.Cli.Runs;

/// <summary>`dpo runs …`: operates a deployed pipeline from the terminal over its HTTP API, with a function key.</summary>
internal static class RunsCommand
{
    public static Command Create(CliOutput output)
    {
        var api = new RunsApiOptions();
        var command = new Command("runs", "Operate a deployed pipeline over its HTTP API: list, show, cancel, pause, resume and approve runs, download reports, delete deployments.");
        api.AddTo(command);
        command.Subcommands.Add(RunsListCommand.Create(output, api));
        command.Subcommands.Add(RunsShowCommand.Create(output, api));
        command.Subcommands.Add(RunsCancelCommand.Create(output, api));
        command.Subcommands.Add(RunsPauseCommand.Create(output, api));
        command.Subcommands.Add(RunsResumeCommand.Create(output, api));
        command.Subcommands.Add(RunsApproveCommand.Create(output, api));
        command.Subcommands.Add(RunsReportCommand.Create(output, api));
        command.Subcommands.Add(RunsDeleteDeploymentCommand.Create(output, api));
        return command;
    }
}
