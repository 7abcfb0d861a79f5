namespace DpoPipeline.Workflow.Runs;

/// <summary>Run options that cannot be used, with every problem found (the HTTP API answers 400 with them).</summary>
public sealed class RunOptionsException(IReadOnlyList<string> problems)
    : Exception("Invalid run options: " + string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
