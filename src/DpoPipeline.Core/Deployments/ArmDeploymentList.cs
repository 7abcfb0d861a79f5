using System.Text.Json.Serialization;

namespace DpoPipeline.Core.Deployments;

/// <summary>GET …/deployments: <c>{"value": […], "nextLink"?}</c>.</summary>
internal sealed record ArmDeploymentList
{
    [JsonPropertyName("value")]
    public IReadOnlyList<ArmDeployment> Value { get; init; } = [];

    [JsonPropertyName("nextLink")]
    public Uri? NextLink { get; init; }
}
