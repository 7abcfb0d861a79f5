using System.Text.Json;
using DpoPipeline.Core.Datasets;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Workflow.Preparation;

/// <summary>Turns a run's textual dataset options (format, shape, mapping) into the engine's types, with messages a user can act on.</summary>
public static class DatasetSettings
{
    /// <exception cref="RunOptionsException">A value is not one the engine knows.</exception>
    public static (DatasetFormat? Format, DatasetShape? Shape, ColumnMapping? Mapping) From(RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var format = Parse<DatasetFormat>(options.Format, "format", "jsonl, json, csv, parquet", problems);
        var shape = Parse<DatasetShape>(options.Shape, "shape", "azure-dpo, trl, trl-conversational, hh-rlhf, orca, ultrafeedback, sharegpt, mapped", problems);
        ColumnMapping? mapping = null;
        if (options.Mapping is { Count: > 0 } pairs)
        {
            try
            {
                mapping = ColumnMapping.Parse(pairs.Select(p => $"{p.Value}={p.Key}"));
            }
            catch (FormatException e)
            {
                problems.Add($"mapping: {e.Message}");
            }
        }

        return problems.Count == 0 ? (format, shape, mapping) : throw new RunOptionsException(problems);
    }

    private static T? Parse<T>(string? value, string name, string allowed, List<string> problems)
        where T : struct, Enum
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            // The engine's enums carry their user-facing names as JSON names (e.g. "hh-rlhf").
            return JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value.ToLowerInvariant()));
        }
        catch (JsonException)
        {
            problems.Add($"{name}: '{value}' is not one of {allowed}.");
            return null;
        }
    }
}
