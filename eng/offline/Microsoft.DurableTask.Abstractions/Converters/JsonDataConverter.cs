using System.Text.Json;

namespace Microsoft.DurableTask.Converters;

/// <summary>Stand-in: a <see cref="DataConverter"/> over System.Text.Json.</summary>
public class JsonDataConverter : DataConverter
{
    private readonly JsonSerializerOptions? options;

    public JsonDataConverter(JsonSerializerOptions? options = null)
    {
        this.options = options;
    }

    public static JsonDataConverter Default { get; } = new();

    public override string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, this.options);

    public override object? Deserialize(string? data, Type targetType)
    {
        ArgumentNullException.ThrowIfNull(targetType);
        return data is null ? null : JsonSerializer.Deserialize(data, targetType, this.options);
    }
}
