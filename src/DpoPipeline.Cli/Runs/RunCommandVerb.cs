using System.CommandLine;
using System.Text.Json;
using DpoPipeline.Workflow;
using Spectre.Console;

namespace DpoPipeline.Cli.Runs;

/// <summary>
/// A verb that sends one command to a run (cancel, pause, resume, approve, delete-deployment) and reports that the
/// pipeline accepted it; an unknown run or a state that does not allow the command exits 1 with the pipeline's words.
/// </summary>
internal static class RunCommandVerb
{
    /// <param name="accepted">What to tell a person once accepted; <c>{0}</c> is the run id.</param>
    /// <param name="body">The JSON body from the parsed options, if the route takes one.</param>
    /// <param name="master">The route needs the app's master key.</param>
    public static Command Create(
        CliOutput output,
        RunsApiOptions api,
        string name,
        string description,
        HttpMethod method,
        string action,
        string accepted,
        Func<ParseResult, object>? body = null,
        bool master = false,
        params Option[] options)
    {
        var run = RunsVerb.RunId();
        var json = new Option<bool>("--json") { Description = "Print {\"runId\", \"command\", \"accepted\"} as JSON on stdout." };
        var command = new Command(name, description);
        command.Arguments.Add(run);
        foreach (var option in options.Append(json))
        {
            command.Options.Add(option);
        }

        RunsVerb.SetAction(command, output, api, async (parseResult, client, cancellationToken) =>
        {
            var runId = parseResult.GetValue(run)!;
            await client.CommandAsync(method, RunsVerb.RunPath(runId, action), body?.Invoke(parseResult), cancellationToken);
            if (parseResult.GetValue(json))
            {
                await output.Out.WriteLineAsync(JsonSerializer.Serialize(new { runId, command = name, accepted = true }, DurableJson.Options));
            }
            else
            {
                output.Console.MarkupLine(Markup.Escape(string.Format(System.Globalization.CultureInfo.InvariantCulture, accepted, runId)));
            }

            return ExitCodes.Success;
        }, master);
        return command;
    }
}
