using System.Text.RegularExpressions;
using DpoPipeline.Testing;

namespace DpoPipeline.Cli.Tests.Docs;

/// <summary>
/// Every `dpo` command in README.md, docs/*.md and the tool package's README: each line of a fenced block that starts
/// with `dpo` or `dotnet run --project src/DpoPipeline.Cli`, and each inline code span that starts with `dpo ` (the
/// README's command table). Placeholders in capitals stand for a value of their kind where the parser would refuse the
/// word itself (M for a model, COMMAND for a verb); FILE, DIR and the like parse as written; [optional] parts count.
/// </summary>
internal static partial class DocumentedCommands
{
    private const string DotnetRun = "dotnet run --project src/DpoPipeline.Cli";

    /// <summary>What a capitalised placeholder in an inline span stands for; any other word is taken as written.</summary>
    private static readonly Dictionary<string, string> Placeholders = new(StringComparer.Ordinal)
    {
        ["M"] = Core.Tokens.ModelTokenProfiles.DefaultModel,
        ["COMMAND"] = "validate",
    };

    public static IReadOnlyList<string> Files { get; } =
    [
        RepositoryPaths.Combine("README.md"),
        .. Directory.GetFiles(RepositoryPaths.Combine("docs"), "*.md").Order(StringComparer.Ordinal),
        RepositoryPaths.Combine("src", "DpoPipeline.Cli", "README.md"),
    ];

    public static IReadOnlyList<DocumentedCommand> All { get; } = [.. Files.SelectMany(Read)];

    /// <summary>The lines of the first fenced block of a Markdown file.</summary>
    public static IReadOnlyList<string> FirstBlock(string file) =>
        [.. File.ReadLines(file).SkipWhile(l => !l.StartsWith("```", StringComparison.Ordinal)).Skip(1).TakeWhile(l => !l.StartsWith("```", StringComparison.Ordinal))];

    private static IEnumerable<DocumentedCommand> Read(string file)
    {
        var name = Path.GetRelativePath(RepositoryPaths.Root, file);
        var lines = File.ReadAllLines(file);
        var fenced = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }

            if (fenced)
            {
                var start = i;
                var text = line.Trim();
                while (text.EndsWith('\\') && i + 1 < lines.Length)
                {
                    text = text[..^1] + " " + lines[++i].Trim();
                }

                if (FromLine(text) is { } args)
                {
                    yield return new DocumentedCommand(name, start + 1, text, args, Fenced: true);
                }

                continue;
            }

            foreach (Match span in InlineCode().Matches(line))
            {
                var code = span.Groups["code"].Value;
                if (code.StartsWith("dpo ", StringComparison.Ordinal) && !code.Contains('|', StringComparison.Ordinal) && !code.Contains('…', StringComparison.Ordinal))
                {
                    // A synopsis marks optional parts with brackets: `dpo eval FILE [--judge D]` also says --judge exists.
                    var synopsis = code.Replace("[", string.Empty, StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal);
                    var args = ShellWords.Split(synopsis).Skip(1).Select(w => Placeholders.GetValueOrDefault(w, w)).ToList();
                    yield return new DocumentedCommand(name, i + 1, code, args, Fenced: false);
                }
            }
        }
    }

    private static List<string>? FromLine(string text)
    {
        if (text.StartsWith("dpo ", StringComparison.Ordinal))
        {
            return [.. ShellWords.Split(text).Skip(1)];
        }

        if (!text.StartsWith(DotnetRun, StringComparison.Ordinal))
        {
            return null;
        }

        var words = ShellWords.Split(text);
        var separator = words.ToList().IndexOf("--");
        return separator < 0 ? [] : [.. words.Skip(separator + 1)];
    }

    [GeneratedRegex("`(?<code>[^`]+)`")]
    private static partial Regex InlineCode();
}
