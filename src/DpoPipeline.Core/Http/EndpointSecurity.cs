using System.Net;

namespace DpoPipeline.Core.Http;

/// <summary>
/// Credentials travel over https only. Plain http is accepted for loopback hosts, which is where the local emulator
/// listens; a bearer token or key is never sent in clear text anywhere else.
/// </summary>
public static class EndpointSecurity
{
    /// <summary>True for http://localhost or a loopback IP; false for https; throws for plain http to any other host.</summary>
    public static bool IsPlainLoopback(string? scheme, string? host)
    {
        if (string.Equals(scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (string.Equals(scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase) && IsLoopback(host))
        {
            return true;
        }

        throw new InvalidOperationException(
            $"Refusing to send credentials to {scheme}://{host}: only https is allowed, plain http only for a loopback host (the local emulator).");
    }

    public static void EnsureAllowed(Uri endpoint, string setting)
    {
        try
        {
            _ = IsPlainLoopback(endpoint.Scheme, endpoint.Host);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"{setting}: {e.Message}", e);
        }
    }

    private static bool IsLoopback(string? host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (host is not null && IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
