namespace DpoPipeline.Core.Deployments;

/// <summary>
/// A deployment SKU for fine-tuned models, spelled as the ARM API documents it: <c>standard</c> (hourly hosting fee),
/// <c>GlobalStandard</c>, or <c>developertier</c> (no hosting fee, removed by the service after about a day).
/// </summary>
public readonly record struct DeploymentSku
{
    private DeploymentSku(string name) => Name = name;

    public static DeploymentSku Standard { get; } = new("standard");

    public static DeploymentSku GlobalStandard { get; } = new("GlobalStandard");

    public static DeploymentSku DeveloperTier { get; } = new("developertier");

    /// <summary>The name sent in <c>sku.name</c>.</summary>
    public string Name { get; }

    /// <summary>Parses standard / globalstandard / developertier in any case (as in Pipeline__DeploymentSku).</summary>
    public static DeploymentSku Parse(string value) => value?.Trim().ToLowerInvariant() switch
    {
        "standard" => Standard,
        "globalstandard" => GlobalStandard,
        "developertier" or "developer" => DeveloperTier,
        _ => throw new ArgumentException($"Unknown deployment SKU '{value}': use standard, globalstandard or developertier.", nameof(value)),
    };

    public override string ToString() => Name;
}
