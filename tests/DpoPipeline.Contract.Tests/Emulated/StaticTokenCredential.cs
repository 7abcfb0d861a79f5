using Azure.Core;

namespace DpoPipeline.Contract.Tests.Emulated;

/// <summary>A fixed bearer token: the emulator accepts any, and tests check it never leaks into logs.</summary>
internal sealed class StaticTokenCredential(string token) : TokenCredential
{
    public int Requests { get; private set; }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Requests++;
        return new AccessToken(token, DateTimeOffset.MaxValue);
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}
