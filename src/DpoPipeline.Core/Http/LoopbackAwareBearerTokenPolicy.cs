using System.ClientModel.Primitives;
using Azure.Core;

namespace DpoPipeline.Core.Http;

/// <summary>
/// The OpenAI client's bearer token policy (System.ClientModel <see cref="BearerTokenPolicy"/>, with token caching and
/// refresh) for https, plus the one exception the SDK refuses: plain http to a loopback host, i.e. the local emulator.
/// </summary>
internal sealed class LoopbackAwareBearerTokenPolicy(TokenCredential credential, string scope) : AuthenticationPolicy
{
    private readonly BearerTokenPolicy _tls = new(credential, scope);
    private readonly TokenRequestContext _context = new([scope]);

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        if (!EndpointSecurity.IsPlainLoopback(message.Request.Uri!.Scheme, message.Request.Uri.Host))
        {
            _tls.Process(message, pipeline, currentIndex);
            return;
        }

        var token = credential.GetToken(_context, message.CancellationToken);
        message.Request.Headers.Set("Authorization", "Bearer " + token.Token);
        ProcessNext(message, pipeline, currentIndex);
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        if (!EndpointSecurity.IsPlainLoopback(message.Request.Uri!.Scheme, message.Request.Uri.Host))
        {
            await _tls.ProcessAsync(message, pipeline, currentIndex);
            return;
        }

        var token = await credential.GetTokenAsync(_context, message.CancellationToken);
        message.Request.Headers.Set("Authorization", "Bearer " + token.Token);
        await ProcessNextAsync(message, pipeline, currentIndex);
    }
}
