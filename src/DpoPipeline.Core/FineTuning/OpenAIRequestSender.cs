using System.ClientModel;
using System.ClientModel.Primitives;
using DpoPipeline.Core.Http;
using Microsoft.Extensions.Logging;

namespace DpoPipeline.Core.FineTuning;

/// <summary>
/// Sends one OpenAI v1 request through the SDK's pipeline (auth, transport) and turns the answer into bytes or a typed
/// <see cref="AzureOpenAIServiceException"/>. Errors never throw inside the SDK (NoThrow) so that status, body and
/// Retry-After are all available to classify them.
/// </summary>
internal sealed class OpenAIRequestSender(
    ClientPipeline pipeline, Uri baseUri, ServiceResilience resilience, TimeProvider timeProvider, ILogger logger, string? secret)
{
    public ServiceResilience Resilience => resilience;

    public async Task<BinaryData> SendAsync(string operation, Func<RequestOptions, Task<ClientResult>> call, CancellationToken cancellationToken) =>
        await resilience.ExecuteAsync(token => SendOnceAsync(operation, call, token), cancellationToken);

    public async ValueTask<BinaryData> SendOnceAsync(string operation, Func<RequestOptions, Task<ClientResult>> call, CancellationToken cancellationToken)
    {
        var options = new RequestOptions { CancellationToken = cancellationToken, ErrorOptions = ClientErrorBehaviors.NoThrow };
        var started = timeProvider.GetTimestamp();
        PipelineResponse response;
        try
        {
            response = (await call(options)).GetRawResponse();
        }
        catch (Exception exception) when (ServiceFailure.FromTransport(operation, exception, cancellationToken) is { } failure)
        {
            logger.LogDebug("{Operation}: no response ({Error})", operation, exception.GetType().Name);
            throw failure;
        }

        logger.LogDebug("{Operation}: HTTP {StatusCode} in {Elapsed}", operation, response.Status, timeProvider.GetElapsedTime(started));
        if (response.Status is < 200 or >= 300)
        {
            throw ServiceFailure.FromResponse(
                operation, response.Status, response.Content.ToMemory().Span,
                name => response.Headers.TryGetValue(name, out var value) ? value : null,
                timeProvider.GetUtcNow(), secret);
        }

        return response.Content;
    }

    /// <summary>A raw request for endpoints whose SDK methods parse into models that fail on Azure payloads.</summary>
    public Func<RequestOptions, Task<ClientResult>> Request(string method, string relativeUri, BinaryContent? jsonBody = null) =>
        async options =>
        {
            using var message = pipeline.CreateMessage();
            message.Request.Method = method;
            message.Request.Uri = new Uri(baseUri, relativeUri);
            message.Request.Headers.Set("Accept", "application/json");
            if (jsonBody is not null)
            {
                message.Request.Headers.Set("Content-Type", "application/json");
                message.Request.Content = jsonBody;
            }

            message.Apply(options);
            await pipeline.SendAsync(message);
            return ClientResult.FromResponse(message.ExtractResponse() ?? throw new InvalidOperationException("The pipeline returned no response."));
        };
}
