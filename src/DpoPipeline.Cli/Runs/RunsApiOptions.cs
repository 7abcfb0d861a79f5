using System.CommandLine;

namespace DpoPipeline.Cli.Runs;

/// <summary>
/// <c>--app</c> and <c>--key</c>, shared by every <c>dpo runs</c> verb (given before or after the verb), with
/// <c>DPO_APP_URL</c> and <c>DPO_FUNCTION_KEY</c> as fallbacks — <c>DPO_MASTER_KEY</c> for approving, which the app
/// allows with its master key only. Keys are read from the environment only when a command runs, never as an option
/// default: help output prints defaults.
/// </summary>
internal sealed class RunsApiOptions
{
    public const string AppVariable = "DPO_APP_URL";
    public const string KeyVariable = "DPO_FUNCTION_KEY";
    public const string MasterKeyVariable = "DPO_MASTER_KEY";

    public Option<string?> App { get; } = new("--app")
    {
        Description = $"The pipeline's Functions app, e.g. https://func-abc123.azurewebsites.net (default: ${AppVariable}).",
        Recursive = true,
    };

    public Option<string?> Key { get; } = new("--key")
    {
        Description = $"A function key of the app, or for approve its master key (default: ${KeyVariable}, ${MasterKeyVariable} for approve; the environment keeps keys out of the shell history and process list). Never printed.",
        Recursive = true,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(App);
        command.Options.Add(Key);
    }

    /// <param name="master">The route needs the app's master key (admin level), not a function key.</param>
    /// <exception cref="RunsApiException">No app or no key given, or an app URL that cannot be used (exit 2).</exception>
    public PipelineApp Resolve(ParseResult parseResult, bool master)
    {
        var app = parseResult.GetValue(App) ?? Environment.GetEnvironmentVariable(AppVariable);
        if (string.IsNullOrWhiteSpace(app))
        {
            throw new RunsApiException($"Which pipeline? Give --app URL or set {AppVariable} (azd env get-value AZURE_FUNCTION_APP_HOST).", ExitCodes.UsageOrIoError);
        }

        if (PipelineApp.ParseRoot(app.Trim(), out var problem) is not { } root)
        {
            throw new RunsApiException(problem!, ExitCodes.UsageOrIoError);
        }

        var (variable, kind, query) = master
            ? (MasterKeyVariable, "master key", "masterKey")
            : (KeyVariable, "function key", "functionKeys.default");
        var source = $"--key or {variable} (az functionapp keys list -g <resource group> -n <app> --query {query} -o tsv)";
        var key = parseResult.GetValue(Key) ?? Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new RunsApiException($"No {kind}: set {variable} or give --key (az functionapp keys list -g <resource group> -n <app> --query {query} -o tsv).", ExitCodes.UsageOrIoError);
        }

        return new PipelineApp(root, key.Trim(), $"the {kind} from {source}");
    }
}
