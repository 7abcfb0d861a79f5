using System.Text.Json.Serialization;

namespace DpoPipeline.Core.FineTuning;

/// <summary>Why a job failed. OpenAI sends <c>error: {}</c> on jobs that did not fail; Azure omits the key.</summary>
public sealed record FineTuningJobError
{
    [JsonPropertyName("code")]
    public string? Code { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("param")]
    public string? Param { get; init; }

    [JsonIgnore]
    public bool IsEmpty => string.IsNullOrEmpty(Code) && string.IsNullOrEmpty(Message);
}
