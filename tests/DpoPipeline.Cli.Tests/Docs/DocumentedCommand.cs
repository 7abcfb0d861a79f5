namespace DpoPipeline.Cli.Tests.Docs;

/// <summary>A `dpo` command as the documentation shows it: where, the text, and the arguments after `dpo` (or after `dotnet run --project src/DpoPipeline.Cli --`).</summary>
/// <param name="Fenced">From a fenced code block (a command to copy), rather than an inline code span.</param>
internal sealed record DocumentedCommand(string File, int Line, string Text, IReadOnlyList<string> Args, bool Fenced)
{
    public string Verb => Args.Count == 0 ? string.Empty : Args[0];

    public override string ToString() => $"{File}:{Line}: {Text}";
}
