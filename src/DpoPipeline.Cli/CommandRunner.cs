using DpoPipeline.Cli.Runs;

namespace DpoPipeline.Cli;

/// <summary>
/// Runs a command body and turns expected failures into a one-line message: exit code 2, or the code a refusal by a
/// deployed pipeline means.
/// </summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(CliOutput output, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (RunsApiException ex)
        {
            output.WriteError(ex.Message);
            return ex.ExitCode;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or FormatException)
        {
            output.WriteError(ex.Message);
            return ExitCodes.UsageOrIoError;
        }
    }
}
