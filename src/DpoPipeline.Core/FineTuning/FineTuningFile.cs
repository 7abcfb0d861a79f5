using System.Text.Json.Serialization;

namespace DpoPipeline.Core.FineTuning;

/// <summary>A file of the Files API. Azure answers an upload with 201 "pending"; processing ends in "processed" or "error".</summary>
public sealed record FineTuningFile
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("object")]
    public string? Object { get; init; }

    [JsonPropertyName("filename")]
    public string? FileName { get; init; }

    [JsonPropertyName("purpose")]
    public string? Purpose { get; init; }

    [JsonPropertyName("bytes")]
    public long? Bytes { get; init; }

    [JsonPropertyName("created_at")]
    public long? CreatedAtUnix { get; init; }

    [JsonPropertyName("expires_at")]
    public long? ExpiresAtUnix { get; init; }

    [JsonPropertyName("status")]
    public string? RawStatus { get; init; }

    /// <summary>Azure puts the validation failure here ("Validation of jsonl file failed: …").</summary>
    [JsonPropertyName("status_details")]
    public string? StatusDetails { get; init; }

    [JsonIgnore]
    public FineTuningFileStatus Status => WireStatus.ParseFileStatus(RawStatus);

    [JsonIgnore]
    public DateTimeOffset? CreatedAt => UnixTime.ToDateTime(CreatedAtUnix);
}
