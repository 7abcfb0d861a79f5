using DpoPipeline.Core.Http;

namespace DpoPipeline.Core.FineTuning;

/// <summary>
/// Settings of section "OpenAI": the Azure OpenAI / Foundry resource endpoint (the client appends <c>openai/v1/</c>),
/// an API key as local opt-in only (Entra ID otherwise), and retry settings.
/// </summary>
public sealed class FineTuningClientOptions
{
    public const string SectionName = "OpenAI";

    /// <summary>https://{account}.openai.azure.com/ (or a Foundry project endpoint, or the local emulator on loopback).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>LOCAL OPT-IN ONLY: sends the <c>api-key</c> header instead of an Entra ID token. Never logged.</summary>
    public string? ApiKey { get; set; }

    public RetrySettings Retry { get; set; } = new();

    /// <summary>The OpenAI v1 API root under the endpoint; an endpoint that already ends in /openai/v1 is kept.</summary>
    public Uri ApiBaseUri
    {
        get
        {
            var endpoint = Endpoint ?? throw new InvalidOperationException($"{SectionName}:Endpoint is not set.");
            var text = endpoint.AbsoluteUri.TrimEnd('/');
            return new Uri(text.EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase) ? text + "/" : text + "/openai/v1/");
        }
    }

    internal bool UsesApiKey => !string.IsNullOrEmpty(ApiKey);

    internal void Validate()
    {
        if (Endpoint is null || !Endpoint.IsAbsoluteUri)
        {
            throw new InvalidOperationException(
                $"{SectionName}:Endpoint must be the absolute URL of the Azure OpenAI resource, e.g. https://my-account.openai.azure.com/.");
        }

        EndpointSecurity.EnsureAllowed(Endpoint, $"{SectionName}:Endpoint");
        Retry.Validate(SectionName);
    }
}
