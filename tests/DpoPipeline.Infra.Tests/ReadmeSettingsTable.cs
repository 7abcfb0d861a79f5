using System.Text.RegularExpressions;
using DpoPipeline.Testing;

namespace DpoPipeline.Infra.Tests;

/// <summary>
/// The settings table in the README's Configuration section: the names in each row's first cell. A name written
/// <c>__Beta</c> after <c>Pipeline__Epochs</c> in the same cell is <c>Pipeline__Beta</c>, as a reader takes it.
/// </summary>
internal static partial class ReadmeSettingsTable
{
    public static IReadOnlyList<string> Names()
    {
        var lines = File.ReadAllLines(RepositoryPaths.Combine("README.md"));
        var section = Array.FindIndex(lines, l => l.StartsWith("## Configuration", StringComparison.Ordinal));
        var header = Array.FindIndex(lines, Math.Max(section, 0), l => l.StartsWith("| Setting |", StringComparison.Ordinal));
        if (section < 0 || header < 0)
        {
            throw new InvalidOperationException("README.md has no '## Configuration' section with a '| Setting |' table.");
        }

        var names = new List<string>();
        foreach (var row in lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')))
        {
            var cell = row.Split('|')[1];
            string? previous = null;
            foreach (Match code in Code().Matches(cell))
            {
                var name = code.Groups["name"].Value;
                if (name.StartsWith("__", StringComparison.Ordinal) && previous is not null)
                {
                    name = previous[..previous.IndexOf("__", StringComparison.Ordinal)] + name;
                }

                names.Add(name);
                previous = name;
            }
        }

        return names;
    }

    [GeneratedRegex("`(?<name>[A-Za-z_][A-Za-z0-9_]*)`")]
    private static partial Regex Code();
}
