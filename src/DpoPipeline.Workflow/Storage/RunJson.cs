using System.Text.Json;
using System.Text.Json.Serialization;

namespace DpoPipeline.Workflow.Storage;

/// <summary>How a run's JSON side files (evaluation, histograms) are stored, so the report writer reads what the others wrote.</summary>
public static class RunJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };
}
