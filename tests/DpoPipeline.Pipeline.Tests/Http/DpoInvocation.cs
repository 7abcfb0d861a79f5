using DpoPipeline.Cli;

namespace DpoPipeline.Pipeline.Tests.Http;

/// <summary>The real `dpo` command tree run in this process, with what it wrote to stdout and stderr.</summary>
internal sealed record DpoInvocation(int ExitCode, string Out, string Error)
{
    public static async Task<DpoInvocation> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await DpoCli.InvokeAsync(args, output, error, TestContext.Current.CancellationToken);
        return new DpoInvocation(exitCode, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit code {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}
