using System.Text.Json.Serialization;

namespace DpoPipeline.Core.FineTuning;

/// <summary>
/// A model as <c>GET /models/{id}</c> describes it. For a fine-tuned model Azure names the model it was trained from in
/// <see cref="Model"/> and the job in <see cref="FineTune"/>; <see cref="Capabilities"/> says whether it can be fine-tuned.
/// </summary>
public sealed record ServiceModel
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>For a fine-tuned model: the model its job started from (itself possibly fine-tuned).</summary>
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    /// <summary>For a fine-tuned model: the job that made it.</summary>
    [JsonPropertyName("fine_tune")]
    public string? FineTune { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("capabilities")]
    public ServiceModelCapabilities? Capabilities { get; init; }

    [JsonPropertyName("lifecycle_status")]
    public string? LifecycleStatus { get; init; }

    [JsonIgnore]
    public bool CanFineTune => Capabilities?.FineTune == true;
}
