using System.Text.Json;
using System.Text.Json.Serialization;

namespace DpoPipeline.Core.FineTuning;

/// <summary>A job event (progress, warnings, billing). Azure sends no <c>data</c>; OpenAI sends an object, often empty.</summary>
public sealed record FineTuningEvent
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("object")]
    public string? Object { get; init; }

    [JsonPropertyName("created_at")]
    public long? CreatedAtUnix { get; init; }

    /// <summary>info, warning or error.</summary>
    [JsonPropertyName("level")]
    public string? Level { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("data")]
    public JsonElement? Data { get; init; }

    [JsonIgnore]
    public DateTimeOffset? CreatedAt => UnixTime.ToDateTime(CreatedAtUnix);
}
