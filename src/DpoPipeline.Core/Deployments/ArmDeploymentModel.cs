using System.Text.Json.Serialization;

namespace DpoPipeline.Core.Deployments;

/// <summary><c>properties.model</c>: for a fine-tuned model the name is the job's fine_tuned_model.</summary>
public sealed record ArmDeploymentModel
{
    [JsonPropertyName("format")]
    public string? Format { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("version")]
    public string? Version { get; init; }
}
