using DpoPipeline.Core.Http;

namespace DpoPipeline.Core.Evaluation;

/// <summary>The service that produced the answers: its kind and host, as the client's endpoint says.</summary>
public sealed record EvaluationService(EvaluationServiceKind Kind, string Host)
{
    private static readonly string[] AzureHostSuffixes = [".openai.azure.com", ".cognitiveservices.azure.com", ".services.ai.azure.com"];

    public bool IsEmulated => Kind == EvaluationServiceKind.Emulator;

    /// <summary>
    /// Classifies an endpoint: a plain-http loopback host is the emulator (the only plain-http endpoint the clients
    /// accept, see <see cref="EndpointSecurity"/>); Azure's data-plane hosts are Azure OpenAI; anything else is other.
    /// </summary>
    public static EvaluationService FromEndpoint(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var host = endpoint.Host;
        var kind = EndpointSecurity.IsPlainLoopback(endpoint.Scheme, host) ? EvaluationServiceKind.Emulator
            : AzureHostSuffixes.Any(suffix => host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) ? EvaluationServiceKind.AzureOpenAI
            : EvaluationServiceKind.Other;
        return new EvaluationService(kind, host);
    }
}
