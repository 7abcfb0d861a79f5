namespace DpoPipeline.Infra.Tests;

/// <summary>Outcome of one Bicep CLI invocation; diagnostics (errors and warnings) go to standard error.</summary>
internal sealed record BicepRun(int ExitCode, string StandardOutput, string StandardError)
{
    public bool IsCleanSuccess => ExitCode == 0 && string.IsNullOrWhiteSpace(StandardError);

    public override string ToString() => $"exit code {ExitCode}\n{StandardError}";
}
