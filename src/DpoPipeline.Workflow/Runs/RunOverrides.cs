using System.Text.Json;
using System.Text.Json.Serialization;

namespace DpoPipeline.Workflow.Runs;

/// <summary>
/// Per-run choices a user may state in a sidecar <c>&lt;name&gt;.dpo.json</c>, in blob metadata (<c>dpo_*</c> keys)
/// or in the body of <c>POST /api/runs</c>. Everything is optional; unset values fall back to configured defaults.
/// </summary>
public sealed record RunOverrides
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public string? BaseModel { get; init; }

    public double? Beta { get; init; }

    public int? BatchSize { get; init; }

    public double? LearningRateMultiplier { get; init; }

    public int? Epochs { get; init; }

    public int? Seed { get; init; }

    public string? Suffix { get; init; }

    public Dictionary<string, string>? Mapping { get; init; }

    public string? Format { get; init; }

    public string? Shape { get; init; }

    public double? ValidationFraction { get; init; }

    public bool? Deduplicate { get; init; }

    public string? DeploymentSku { get; init; }

    public int? DeploymentCapacity { get; init; }

    public double? DeploymentTtlHours { get; init; }

    public decimal? BudgetLimitUsd { get; init; }

    public double? MaxRunHours { get; init; }

    /// <summary>
    /// A hyperparameter sweep, e.g. <c>{"beta": [0.05, 0.1, 0.2], "lr": [0.5, 1]}</c> (names: beta, lr or
    /// learningRateMultiplier, epochs, batchSize): one job per combination, only the best deployed.
    /// </summary>
    public Dictionary<string, double[]>? Sweep { get; init; }
    /// <summary>Train SFT first (prompt + preferred reply of the same pairs, same split), then DPO from the SFT model.</summary>
    public bool? SftFirst { get; init; }

    /// <summary>
    /// A separate demonstration file (chat <c>messages</c> JSONL) for the SFT stage instead of the derived one: a name
    /// next to the dataset (same container), or for local runs a file path. Implies <see cref="SftFirst"/>.
    /// </summary>
    public string? SftData { get; init; }

    /// <summary>Parses a sidecar or request body; unknown keys are refused so a typo never silently does nothing.</summary>
    /// <exception cref="RunOptionsException">The JSON is malformed or names an unknown option.</exception>
    public static RunOverrides Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<RunOverrides>(json, Json)
                ?? throw new RunOptionsException([$"{source}: expected a JSON object, found null."]);
        }
        catch (JsonException e)
        {
            throw new RunOptionsException([$"{source}: {e.Message}"]);
        }
    }

    /// <summary>Reads <c>dpo_*</c> blob metadata keys, e.g. <c>dpo_base_model</c>, <c>dpo_epochs</c>, <c>dpo_map_chosen</c>.</summary>
    public static RunOverrides FromMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata)
        {
            var name = key.ToLowerInvariant();
            if (!name.StartsWith("dpo_", StringComparison.Ordinal))
            {
                continue;
            }

            if (name.StartsWith("dpo_map_", StringComparison.Ordinal))
            {
                mapping[name["dpo_map_".Length..]] = value;
                continue;
            }

            // Metadata values are always strings; booleans must become JSON booleans to bind.
            fields[SnakeToCamel(name["dpo_".Length..])] = bool.TryParse(value, out var flag) ? flag : value;
        }

        if (mapping.Count > 0)
        {
            fields["mapping"] = mapping;
        }

        return Parse(JsonSerializer.Serialize(fields), "blob metadata");
    }

    private static string SnakeToCamel(string snake)
    {
        var parts = snake.Split('_', StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(parts.Select((p, i) => i == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
