using System.Text.Json.Serialization;

namespace DpoPipeline.Core.FineTuning;

/// <summary>One page of a cursor-paged list (<c>{"object": "list", "data": […], "has_more": …}</c>).</summary>
public sealed record ListPage<T>
{
    [JsonPropertyName("object")]
    public string? Object { get; init; }

    [JsonPropertyName("data")]
    public IReadOnlyList<T> Data { get; init; } = [];

    [JsonPropertyName("has_more")]
    public bool HasMore { get; init; }

    [JsonPropertyName("first_id")]
    public string? FirstId { get; init; }

    [JsonPropertyName("last_id")]
    public string? LastId { get; init; }
}
