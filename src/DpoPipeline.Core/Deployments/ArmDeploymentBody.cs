using System.Text.Json.Serialization;

namespace DpoPipeline.Core.Deployments;

/// <summary>The PUT body of a deployment: sku, tags and the model to serve.</summary>
internal sealed record ArmDeploymentBody
{
    [JsonPropertyName("sku")]
    public required ArmDeploymentSku Sku { get; init; }

    [JsonPropertyName("tags")]
    public required IReadOnlyDictionary<string, string> Tags { get; init; }

    [JsonPropertyName("properties")]
    public required ArmDeploymentProperties Properties { get; init; }

    public static ArmDeploymentBody From(DeploymentRequest request) => new()
    {
        Sku = new ArmDeploymentSku { Name = request.Sku.Name, Capacity = request.Capacity },
        Tags = DeploymentTags.Create(request.Owner, request.RunId, request.ExpiresAt),
        Properties = new ArmDeploymentProperties
        {
            Model = new ArmDeploymentModel { Format = request.ModelFormat, Name = request.ModelName, Version = request.ModelVersion },
        },
    };
}
