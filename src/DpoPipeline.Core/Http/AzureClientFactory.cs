using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.Core;
using Azure.Core.Pipeline;
using DpoPipeline.Core.Deployments;
using DpoPipeline.Core.FineTuning;
using Microsoft.Extensions.Logging;
using OpenAI;
using OpenAI.Chat;

namespace DpoPipeline.Core.Http;

/// <summary>
/// Builds the fine-tuning and deployment clients from their options and a <see cref="TokenCredential"/>
/// (DefaultAzureCredential / managed identity in Azure). Both share one HttpClient; SDK-level retries are off because
/// <see cref="ServiceResilience"/> retries whole operations. Pass <paramref name="transportHandler"/> to route traffic
/// through a handler of your own (tests inject emulator fault headers this way).
/// </summary>
public sealed class AzureClientFactory(
    TokenCredential credential, TimeProvider timeProvider, ILoggerFactory loggerFactory, HttpMessageHandler? transportHandler = null)
    : IDisposable
{
    public const string CognitiveServicesScope = "https://cognitiveservices.azure.com/.default";
    public const string ManagementScope = "https://management.azure.com/.default";

    private readonly HttpClient _httpClient = transportHandler is null
        ? new HttpClient { Timeout = Timeout.InfiniteTimeSpan }
        : new HttpClient(transportHandler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

    public FineTuningServiceClient CreateFineTuningClient(FineTuningClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var logger = loggerFactory.CreateLogger<FineTuningServiceClient>();
        var (authentication, clientOptions) = OpenAISetup(options);
#pragma warning disable OPENAI001 // The SDK marks the policy constructor and fine-tuning client experimental.
        var openAI = new OpenAIClient(authentication, clientOptions);
        var fineTuning = openAI.GetFineTuningClient();
#pragma warning restore OPENAI001
        var sender = new OpenAIRequestSender(
            fineTuning.Pipeline, options.ApiBaseUri, new ServiceResilience(options.Retry, timeProvider, logger), timeProvider, logger, options.ApiKey);
        logger.LogInformation(
            "Fine-tuning client for {Endpoint} using {Authentication}",
            options.ApiBaseUri, options.UsesApiKey ? "an API key (local opt-in)" : "Entra ID tokens");
        return new FineTuningServiceClient(openAI.GetOpenAIFileClient(), fineTuning, sender, timeProvider, logger);
    }

    /// <summary>
    /// A chat client for one deployment on the same account, authenticated like the fine-tuning client. Callers that
    /// evaluate retry transient failures themselves, so the SDK does not retry either.
    /// </summary>
    public ChatClient CreateChatClient(FineTuningClientOptions options, string deployment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(deployment);
        options.Validate();
        var (authentication, clientOptions) = OpenAISetup(options);
#pragma warning disable OPENAI001 // The SDK marks the policy constructor experimental.
        return new OpenAIClient(authentication, clientOptions).GetChatClient(deployment);
#pragma warning restore OPENAI001
    }

    public DeploymentServiceClient CreateDeploymentClient(ArmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var logger = loggerFactory.CreateLogger<DeploymentServiceClient>();
        var pipeline = HttpPipelineBuilder.Build(
            new ArmClientOptions(_httpClient, options.Retry.NetworkTimeout),
            new LoopbackAwareArmBearerTokenPolicy(credential, ManagementScope));
        var sender = new ArmRequestSender(pipeline, new ServiceResilience(options.Retry, timeProvider, logger), timeProvider, logger);
        logger.LogInformation("Deployment client for {Deployments} (api-version {ApiVersion})", options.DeploymentsUri, options.ApiVersion);
        return new DeploymentServiceClient(options, sender, timeProvider, logger);
    }

    public void Dispose() => _httpClient.Dispose();

    private (AuthenticationPolicy Authentication, OpenAIClientOptions ClientOptions) OpenAISetup(FineTuningClientOptions options)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.ApiBaseUri,
            Transport = new HttpClientPipelineTransport(_httpClient),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = options.Retry.NetworkTimeout,
            UserAgentApplicationId = "dpopipeline",
        };
        AuthenticationPolicy authentication = options.UsesApiKey
            ? ApiKeyAuthenticationPolicy.CreateHeaderApiKeyPolicy(new ApiKeyCredential(options.ApiKey!), "api-key")
            : new LoopbackAwareBearerTokenPolicy(credential, CognitiveServicesScope);
        return (authentication, clientOptions);
    }

    private sealed class ArmClientOptions : ClientOptions
    {
        public ArmClientOptions(HttpClient httpClient, TimeSpan networkTimeout)
        {
            Transport = new HttpClientTransport(httpClient);
            Retry.MaxRetries = 0;
            Retry.NetworkTimeout = networkTimeout;
        }
    }
}
