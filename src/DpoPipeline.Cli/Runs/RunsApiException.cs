namespace DpoPipeline.Cli.Runs;

/// <summary>A request to the pipeline's HTTP API that did not succeed, with the message to show and the exit code it means.</summary>
internal sealed class RunsApiException(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
