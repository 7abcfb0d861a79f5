using DpoPipeline.Cli;

namespace DpoPipeline.Cli.Tests;

/// <summary>Runs the real `dpo` command tree in process, capturing stdout and stderr.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static async Task<CliRun> InvokeAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await DpoCli.InvokeAsync(args, output, error, Xunit.TestContext.Current.CancellationToken);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public static string Dataset(string name) => Path.Combine(AppContext.BaseDirectory, "data", "datasets", name);
}
