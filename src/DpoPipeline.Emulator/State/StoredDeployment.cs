using System.Text.Json.Serialization;

namespace DpoPipeline.Emulator.State;

/// <summary>An ARM deployment as last PUT; its provisioningState is derived from <see cref="ProvisioningStartedAt"/> and the clock.</summary>
internal sealed record StoredDeployment(
    DeploymentKey Key,
    string SkuName,
    int Capacity,
    IReadOnlyDictionary<string, string>? Tags,
    string ModelFormat,
    string ModelName,
    string ModelVersion,
    DateTimeOffset CreatedAt,
    DateTimeOffset ModifiedAt,
    DateTimeOffset ProvisioningStartedAt,
    bool FailProvisioning,
    string Etag,
    string OperationId)
{
    [JsonIgnore]
    public bool IsFineTuned => ModelName.Contains(".ft-", StringComparison.Ordinal);
}
