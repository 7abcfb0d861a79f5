using System.Text.Json;
using DpoPipeline.Core.Serialization;

namespace DpoPipeline.Core.Tokens;

/// <summary>Per-model tokenizer and per-example token limit, kept as data (model-profiles.json) rather than code.</summary>
public static class ModelTokenProfiles
{
    public const string DefaultModel = "gpt-4.1-mini-2025-04-14";

    private static readonly Lazy<ModelTokenProfileTable> Table = new(Load);

    public static IReadOnlyList<ModelTokenProfile> All => Table.Value.Models;

    public static string Source => Table.Value.Source;

    /// <summary>Finds a model by exact name, then by the longest known name it starts with (fine-tuned ids carry the base name).</summary>
    public static bool TryGet(string model, out ModelTokenProfile profile)
    {
        ArgumentNullException.ThrowIfNull(model);
        profile = All.FirstOrDefault(p => string.Equals(p.Model, model, StringComparison.OrdinalIgnoreCase))
            ?? All.Where(p => model.StartsWith(p.Model, StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(p => p.Model.Length)
                .FirstOrDefault()!;
        return profile is not null;
    }

    public static ModelTokenProfile Get(string model) =>
        TryGet(model, out var profile)
            ? profile
            : throw new ArgumentException(
                $"Unknown base model '{model}'. Known: {string.Join(", ", All.Select(p => p.Model))}.", nameof(model));

    private static ModelTokenProfileTable Load()
    {
        using var stream = typeof(ModelTokenProfiles).Assembly.GetManifestResourceStream("DpoPipeline.Core.Tokens.model-profiles.json")
            ?? throw new InvalidOperationException("Embedded resource model-profiles.json is missing.");
        return JsonSerializer.Deserialize(stream, DataFileJsonContext.Default.ModelTokenProfileTable)
            ?? throw new InvalidOperationException("model-profiles.json is empty.");
    }
}
