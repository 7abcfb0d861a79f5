using Azure.Core;
using Azure.Core.Pipeline;
using DpoPipeline.Core.Http;
using Microsoft.Extensions.Logging;

namespace DpoPipeline.Core.Deployments;

/// <summary>Sends ARM requests through an Azure.Core <see cref="HttpPipeline"/>; error answers become typed exceptions.</summary>
internal sealed class ArmRequestSender(HttpPipeline pipeline, ServiceResilience resilience, TimeProvider timeProvider, ILogger logger)
{
    public async Task<ArmResponse> SendAsync(
        string operation, RequestMethod method, Uri uri, BinaryData? body, CancellationToken cancellationToken) =>
        await resilience.ExecuteAsync(token => SendOnceAsync(operation, method, uri, body, token), cancellationToken);

    private async ValueTask<ArmResponse> SendOnceAsync(
        string operation, RequestMethod method, Uri uri, BinaryData? body, CancellationToken cancellationToken)
    {
        using var message = pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.SetValue(HttpHeader.Names.Accept, "application/json");
        if (body is not null)
        {
            message.Request.Headers.SetValue(HttpHeader.Names.ContentType, "application/json");
            message.Request.Content = RequestContent.Create(body);
        }

        var started = timeProvider.GetTimestamp();
        try
        {
            await pipeline.SendAsync(message, cancellationToken);
        }
        catch (Exception exception) when (ServiceFailure.FromTransport(operation, exception, cancellationToken) is { } failure)
        {
            logger.LogDebug("{Operation}: no response ({Error})", operation, exception.GetType().Name);
            throw failure;
        }

        var response = message.Response;
        logger.LogDebug("{Operation}: HTTP {StatusCode} in {Elapsed}", operation, response.Status, timeProvider.GetElapsedTime(started));
        string? Header(string name) => response.Headers.TryGetValue(name, out var value) ? value : null;
        if (response.Status is < 200 or >= 300)
        {
            throw ServiceFailure.FromResponse(operation, response.Status, response.Content.ToMemory().Span, Header, timeProvider.GetUtcNow(), null);
        }

        return new ArmResponse(response.Status, response.Content, RetryAfterParser.Parse(Header, null, timeProvider.GetUtcNow()));
    }
}
