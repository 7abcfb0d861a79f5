using System.Text.Json.Serialization;

namespace DpoPipeline.Core.Deployments;

/// <summary>A Microsoft.CognitiveServices/accounts/deployments resource as ARM returns it.</summary>
public sealed record ArmDeployment
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("sku")]
    public ArmDeploymentSku? Sku { get; init; }

    [JsonPropertyName("tags")]
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    [JsonPropertyName("properties")]
    public ArmDeploymentProperties? Properties { get; init; }

    [JsonPropertyName("etag")]
    public string? ETag { get; init; }

    [JsonIgnore]
    public DeploymentProvisioningState ProvisioningState =>
        Enum.TryParse<DeploymentProvisioningState>(Properties?.ProvisioningState, ignoreCase: true, out var state)
        && Enum.IsDefined(state)
            ? state
            : DeploymentProvisioningState.Unknown;

    [JsonIgnore]
    public string? RunId => Tag(DeploymentTags.RunId);

    [JsonIgnore]
    public string? Owner => Tag(DeploymentTags.Owner);

    [JsonIgnore]
    public DateTimeOffset? ExpiresAt => DeploymentTags.ParseExpiry(Tag(DeploymentTags.ExpiresAt));

    [JsonIgnore]
    public string? ModelName => Properties?.Model?.Name;

    private string? Tag(string name) => Tags is not null && Tags.TryGetValue(name, out var value) ? value : null;
}
