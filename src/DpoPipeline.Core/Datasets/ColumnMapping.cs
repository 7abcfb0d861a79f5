namespace DpoPipeline.Core.Datasets;

/// <summary>
/// Where the parts of an example live in a source row: field paths (dotted, with [n] or .n indexes) for the prompt,
/// the chosen and rejected replies, and optionally a system message and a list of earlier [question, answer] turns.
/// </summary>
public sealed record ColumnMapping(
    string? Prompt,
    string Chosen,
    string Rejected,
    string? System = null,
    string? History = null)
{
    public static IReadOnlyList<string> Targets { get; } = ["prompt", "chosen", "rejected", "system", "history"];

    /// <summary>Parses `source=target` pairs as given on the command line (`--map good_response=chosen`).</summary>
    public static ColumnMapping Parse(IEnumerable<string> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var byTarget = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in pairs)
        {
            var eq = pair.LastIndexOf('=');
            if (eq <= 0 || eq == pair.Length - 1)
            {
                throw new FormatException($"Mapping '{pair}' is not of the form source_field=target (targets: {string.Join(", ", Targets)}).");
            }

            var source = pair[..eq].Trim();
            var target = pair[(eq + 1)..].Trim().ToLowerInvariant();
            if (!Targets.Contains(target))
            {
                throw new FormatException($"Mapping target '{target}' is unknown (targets: {string.Join(", ", Targets)}).");
            }

            if (!byTarget.TryAdd(target, source))
            {
                throw new FormatException($"Mapping target '{target}' is given twice.");
            }
        }

        if (!byTarget.TryGetValue("chosen", out var chosen) || !byTarget.TryGetValue("rejected", out var rejected))
        {
            throw new FormatException("A mapping needs at least a chosen and a rejected field, e.g. --map good=chosen --map bad=rejected.");
        }

        return new ColumnMapping(
            byTarget.GetValueOrDefault("prompt"),
            chosen,
            rejected,
            byTarget.GetValueOrDefault("system"),
            byTarget.GetValueOrDefault("history"));
    }

    /// <summary>Each mapped target with its source field, in <see cref="Targets"/> order (e.g. chosen → good_response).</summary>
    public IReadOnlyDictionary<string, string> SourcesByTarget =>
        new[] { ("prompt", Prompt), ("chosen", Chosen), ("rejected", Rejected), ("system", System), ("history", History) }
            .Where(p => p.Item2 is not null)
            .ToDictionary(p => p.Item1, p => p.Item2!);

    public override string ToString() => string.Join(", ", SourcesByTarget.Select(p => $"{p.Value}={p.Key}"));
}
