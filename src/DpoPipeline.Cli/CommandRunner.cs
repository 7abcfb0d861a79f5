namespace DpoPipeline.Cli;

/// <summary>Runs a command body and turns expected failures into a one-line message and exit code 2.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(CliOutput output, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or FormatException)
        {
            output.WriteError(ex.Message);
            return ExitCodes.UsageOrIoError;
        }
    }
}
