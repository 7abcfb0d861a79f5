using System.Text.Json;

namespace DpoPipeline.Core.Datasets.Shapes;

/// <summary>
/// Recognises the layout of a dataset from the keys (and value kinds) of its first rows: the Azure format, the common
/// open formats, and known column aliases. What it cannot place is reported with the keys it saw.
/// </summary>
internal static class ShapeDetector
{
    private static readonly string[] ChosenAliases = ["chosen", "response_chosen", "chosen_response", "response_j", "answer_w"];
    private static readonly string[] RejectedAliases = ["rejected", "response_rejected", "rejected_response", "response_k", "answer_l"];
    private static readonly string[] PromptAliases = ["prompt", "question", "instruction", "query", "context", "conversations"];
    private static readonly string[] SystemAliases = ["system", "system_prompt"];
    private static readonly string[] HistoryAliases = ["history"];

    /// <summary>The binding for a user's mapping: forced fields, with unmapped optional ones taken from known aliases.</summary>
    public static ShapeBinding FromMapping(ColumnMapping mapping, IReadOnlyCollection<JsonElement> sample)
    {
        var keys = KeysOf(sample);
        return new ShapeBinding(
            DatasetShape.Mapped,
            mapping with
            {
                Prompt = mapping.Prompt ?? PromptAliases.FirstOrDefault(keys.Contains),
                System = mapping.System ?? SystemAliases.FirstOrDefault(keys.Contains),
                History = mapping.History ?? HistoryAliases.FirstOrDefault(keys.Contains),
            });
    }

    /// <summary>Detects the shape from sample rows; returns the file-level error (code, message) when there is none.</summary>
    public static (ShapeBinding? Binding, string? Code, string? Message) Detect(IReadOnlyCollection<JsonElement> sample, DatasetShape? forced)
    {
        var keys = KeysOf(sample);
        if (forced == DatasetShape.AzureDpo || (forced is null && keys.Contains("input") && (keys.Contains(AzureDpoExampleReader.PreferredOutput) || keys.Contains(AzureDpoExampleReader.NonPreferredOutput))))
        {
            return (ShapeBinding.Azure, null, null);
        }

        var chosen = ChosenAliases.FirstOrDefault(keys.Contains);
        var rejected = RejectedAliases.FirstOrDefault(keys.Contains);
        if (chosen is null || rejected is null)
        {
            if (keys.Contains("messages"))
            {
                return (null, IssueCodes.SftData, "The rows hold only \"messages\": this is supervised fine-tuning (SFT) data, with no preferred and non-preferred replies.");
            }

            if (keys.Count == 0)
            {
                return (ShapeBinding.Azure, null, null);
            }

            return (null, IssueCodes.UnknownShape, $"The layout of the rows is not recognised; keys found: {string.Join(", ", keys.Order(StringComparer.Ordinal))}.");
        }

        var fields = new ColumnMapping(
            PromptAliases.FirstOrDefault(keys.Contains),
            chosen,
            rejected,
            SystemAliases.FirstOrDefault(keys.Contains),
            HistoryAliases.FirstOrDefault(keys.Contains));
        return (new ShapeBinding(forced ?? NameShape(fields, keys, sample), fields), null, null);
    }

    private static DatasetShape NameShape(ColumnMapping fields, HashSet<string> keys, IReadOnlyCollection<JsonElement> sample)
    {
        if (fields.Prompt == "conversations")
        {
            return DatasetShape.ShareGpt;
        }

        if (fields.Chosen != "chosen" || fields.Rejected != "rejected")
        {
            return DatasetShape.Mapped;
        }

        var chosenKind = sample.Select(row => row.TryGetProperty("chosen", out var value) ? value.ValueKind : JsonValueKind.Undefined)
            .FirstOrDefault(kind => kind != JsonValueKind.Undefined);
        if (chosenKind == JsonValueKind.Array)
        {
            return keys.Contains("score_chosen") ? DatasetShape.UltraFeedback : DatasetShape.TrlConversational;
        }

        return fields.Prompt switch
        {
            null => DatasetShape.HhRlhf,
            "question" => DatasetShape.Orca,
            "prompt" => DatasetShape.TrlStandard,
            _ => DatasetShape.Mapped,
        };
    }

    private static HashSet<string> KeysOf(IReadOnlyCollection<JsonElement> sample)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in sample.Where(row => row.ValueKind == JsonValueKind.Object))
        {
            foreach (var property in row.EnumerateObject())
            {
                keys.Add(property.Name);
            }
        }

        return keys;
    }
}
