using System.Text.Json.Serialization;

namespace DpoPipeline.Core.Deployments;

/// <summary><c>sku</c> of a deployment as ARM reports it (name casing varies: "standard", "Standard").</summary>
public sealed record ArmDeploymentSku
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("capacity")]
    public int? Capacity { get; init; }
}
