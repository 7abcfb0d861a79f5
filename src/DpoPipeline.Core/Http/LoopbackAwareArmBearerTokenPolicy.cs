using Azure.Core;
using Azure.Core.Pipeline;

namespace DpoPipeline.Core.Http;

/// <summary>
/// Azure.Core's <see cref="BearerTokenAuthenticationPolicy"/> for https ARM endpoints, plus plain http to a loopback
/// host (the local emulator), which the SDK policy refuses.
/// </summary>
internal sealed class LoopbackAwareArmBearerTokenPolicy(TokenCredential credential, string scope) : HttpPipelinePolicy
{
    private readonly BearerTokenAuthenticationPolicy _tls = new(credential, scope);
    private readonly TokenRequestContext _context = new([scope]);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (!EndpointSecurity.IsPlainLoopback(message.Request.Uri.Scheme, message.Request.Uri.Host))
        {
            _tls.Process(message, pipeline);
            return;
        }

        var token = credential.GetToken(_context, message.CancellationToken);
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, "Bearer " + token.Token);
        ProcessNext(message, pipeline);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (!EndpointSecurity.IsPlainLoopback(message.Request.Uri.Scheme, message.Request.Uri.Host))
        {
            await _tls.ProcessAsync(message, pipeline);
            return;
        }

        var token = await credential.GetTokenAsync(_context, message.CancellationToken);
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, "Bearer " + token.Token);
        await ProcessNextAsync(message, pipeline);
    }
}
