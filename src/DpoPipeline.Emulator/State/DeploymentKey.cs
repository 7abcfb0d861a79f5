using System.Text.Json.Serialization;

namespace DpoPipeline.Emulator.State;

/// <summary>Identifies a deployment; ARM names are case-insensitive, so the key compares them that way.</summary>
internal sealed record DeploymentKey(string Subscription, string ResourceGroup, string Account, string Name)
{
    [JsonIgnore]
    public string ResourceId =>
        $"/subscriptions/{Subscription}/resourceGroups/{ResourceGroup}/providers/Microsoft.CognitiveServices/accounts/{Account}/deployments/{Name}";

    public bool SameAccount(DeploymentKey other) =>
        string.Equals(Subscription, other.Subscription, StringComparison.OrdinalIgnoreCase)
        && string.Equals(ResourceGroup, other.ResourceGroup, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Account, other.Account, StringComparison.OrdinalIgnoreCase);

    public bool Equals(DeploymentKey? other) =>
        other is not null && SameAccount(other) && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode() => HashCode.Combine(
        StringComparer.OrdinalIgnoreCase.GetHashCode(Subscription),
        StringComparer.OrdinalIgnoreCase.GetHashCode(ResourceGroup),
        StringComparer.OrdinalIgnoreCase.GetHashCode(Account),
        StringComparer.OrdinalIgnoreCase.GetHashCode(Name));
}
