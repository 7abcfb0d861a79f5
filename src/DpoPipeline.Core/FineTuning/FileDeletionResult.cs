using System.Text.Json.Serialization;

namespace DpoPipeline.Core.FineTuning;

/// <summary>Answer to DELETE /files/{id}; Azure answers a second delete with 200 and <c>deleted: false</c>.</summary>
public sealed record FileDeletionResult
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("object")]
    public string? Object { get; init; }

    [JsonPropertyName("deleted")]
    public bool Deleted { get; init; }
}
