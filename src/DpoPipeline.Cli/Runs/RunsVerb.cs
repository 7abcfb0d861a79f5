using System.CommandLine;

namespace DpoPipeline.Cli.Runs;

/// <summary>What every <c>dpo runs</c> verb shares: the run id argument, API paths, and an action run with a client for the resolved app.</summary>
internal static class RunsVerb
{
    /// <summary>Who asked, as the pipeline records it with a cancel or an approval.</summary>
    public static string Requester => $"{Environment.UserName} (dpo runs)";

    public static Argument<string> RunId() => new("run") { Description = "The run's id, as `dpo runs list` shows it." };

    public static string RunPath(string runId, string? action = null) =>
        "runs/" + Uri.EscapeDataString(runId) + (action is null ? string.Empty : "/" + action);

    /// <param name="master">The route is admin level: the app's master key opens it, a function key does not.</param>
    public static void SetAction(
        Command command, CliOutput output, RunsApiOptions api, Func<ParseResult, RunsApiClient, CancellationToken, Task<int>> action, bool master = false) =>
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(output, async () =>
        {
            using var client = new RunsApiClient(api.Resolve(parseResult, master));
            return await action(parseResult, client, cancellationToken);
        }));
}
