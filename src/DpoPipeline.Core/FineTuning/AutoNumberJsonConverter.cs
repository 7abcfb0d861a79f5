using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DpoPipeline.Core.FineTuning;

/// <summary>
/// A hyperparameter that may be "auto" (OpenAI), -1 (Azure's way of saying auto), a number, a numeric string or null.
/// Reads auto as null; writes null as an absent value (the service then picks it).
/// </summary>
internal sealed class AutoNumberJsonConverter : JsonConverter<double?>
{
    public override bool HandleNull => true;

    public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.TokenType switch
        {
            JsonTokenType.Number => reader.GetDouble(),
            JsonTokenType.String when double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            JsonTokenType.String or JsonTokenType.Null => (double?)null,
            _ => throw new JsonException($"Expected a number or \"auto\", found {reader.TokenType}."),
        };
        return value is -1 ? null : value;
    }

    public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options)
    {
        if (value is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue("auto");
        }
    }
}
