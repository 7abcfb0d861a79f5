using System.Text.Json.Serialization;

namespace DpoPipeline.Core.FineTuning;

/// <summary>What a model can do, as <c>GET /models/{id}</c> reports it.</summary>
public sealed record ServiceModelCapabilities
{
    [JsonPropertyName("fine_tune")]
    public bool? FineTune { get; init; }

    [JsonPropertyName("inference")]
    public bool? Inference { get; init; }

    [JsonPropertyName("chat_completion")]
    public bool? ChatCompletion { get; init; }
}
