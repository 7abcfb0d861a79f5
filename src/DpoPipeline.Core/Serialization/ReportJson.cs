using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace DpoPipeline.Core.Serialization;

/// <summary>Reads and writes the published JSON documents (reports, manifests, stats, estimates) in one stable style.</summary>
public static class ReportJson
{
    /// <summary>Source-generated contract; non-ASCII text stays readable instead of \u-escaped.</summary>
    public static JsonSerializerOptions Options { get; } = new(ReportJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, TypeInfo<T>());

    public static Task SerializeAsync<T>(Stream stream, T value, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(stream, value, TypeInfo<T>(), cancellationToken);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize(json, TypeInfo<T>());

    private static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
}
