using System.Text.Json;
using System.Text.Json.Serialization;

namespace DpoPipeline.Workflow;

/// <summary>
/// The JSON options of every Durable payload (inputs, outputs, events, custom status), shared by the Functions
/// worker's serializer and the local runner, so a payload reads the same in both.
/// </summary>
public static class DurableJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    public static T? Deserialize<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, Options);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
