using Azure.Core;

namespace DpoPipeline.Local;

/// <summary>
/// The credential of a local run: the emulator accepts any bearer token, and the clients only send tokens over plain
/// HTTP to loopback hosts, so this fixed, meaningless token never leaves the machine.
/// </summary>
public sealed class LocalEmulatorCredential : TokenCredential
{
    private static readonly AccessToken Token = new("local-emulator-token", DateTimeOffset.MaxValue);

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => Token;

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Token);
}
