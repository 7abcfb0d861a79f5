using DpoPipeline.Core.Http;

namespace DpoPipeline.Core.Deployments;

/// <summary>Settings of section "Arm": the Azure OpenAI account that receives the deployments, and how ARM is reached.</summary>
public sealed class ArmOptions
{
    public const string SectionName = "Arm";

    public const string DefaultApiVersion = "2025-06-01";

    public string? SubscriptionId { get; set; }

    public string? ResourceGroup { get; set; }

    /// <summary>Name of the Azure OpenAI (Cognitive Services) account.</summary>
    public string? AccountName { get; set; }

    public string ApiVersion { get; set; } = DefaultApiVersion;

    /// <summary>https://management.azure.com/ in Azure; the emulator's URL locally.</summary>
    public Uri Endpoint { get; set; } = new("https://management.azure.com/");

    public RetrySettings Retry { get; set; } = new();

    /// <summary>…/accounts/{account}/deployments/ under <see cref="Endpoint"/>.</summary>
    public Uri DeploymentsUri => new(
        new Uri(Endpoint.AbsoluteUri.TrimEnd('/') + "/"),
        $"subscriptions/{Escape(SubscriptionId)}/resourceGroups/{Escape(ResourceGroup)}"
        + $"/providers/Microsoft.CognitiveServices/accounts/{Escape(AccountName)}/deployments/");

    internal void Validate()
    {
        var missing = new[] { (nameof(SubscriptionId), SubscriptionId), (nameof(ResourceGroup), ResourceGroup), (nameof(AccountName), AccountName), (nameof(ApiVersion), ApiVersion) }
            .Where(setting => string.IsNullOrWhiteSpace(setting.Item2))
            .Select(setting => $"{SectionName}:{setting.Item1}")
            .ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Deployment settings missing: {string.Join(", ", missing)}.");
        }

        if (!Endpoint.IsAbsoluteUri)
        {
            throw new InvalidOperationException($"{SectionName}:Endpoint must be an absolute URL such as https://management.azure.com/.");
        }

        EndpointSecurity.EnsureAllowed(Endpoint, $"{SectionName}:Endpoint");
        Retry.Validate(SectionName);
    }

    private static string Escape(string? segment) => Uri.EscapeDataString(segment ?? string.Empty);
}
