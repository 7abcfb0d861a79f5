using System.Text.Json;
using System.Text.Json.Serialization;

namespace DpoPipeline.Core.FineTuning;

/// <summary>An integer hyperparameter (batch size, epochs): "auto" or -1 read as null; see <see cref="AutoNumberJsonConverter"/>.</summary>
internal sealed class AutoIntegerJsonConverter : JsonConverter<int?>
{
    private static readonly AutoNumberJsonConverter Number = new();

    public override bool HandleNull => true;

    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Number.Read(ref reader, typeof(double?), options) is { } value ? checked((int)Math.Round(value)) : null;

    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options) =>
        Number.Write(writer, value, options);
}
