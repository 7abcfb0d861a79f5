using System.Text.Json.Serialization;

namespace DpoPipeline.Core.Deployments;

/// <summary><c>properties</c> of a deployment; fields not listed (capabilities, rateLimits…) are ignored.</summary>
public sealed record ArmDeploymentProperties
{
    [JsonPropertyName("model")]
    public ArmDeploymentModel? Model { get; init; }

    [JsonPropertyName("provisioningState")]
    public string? ProvisioningState { get; init; }

    [JsonPropertyName("currentCapacity")]
    public int? CurrentCapacity { get; init; }

    [JsonPropertyName("versionUpgradeOption")]
    public string? VersionUpgradeOption { get; init; }
}
