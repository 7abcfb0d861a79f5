namespace DpoPipeline.Cli.Runs;

/// <summary>
/// A deployed pipeline's Functions app and the function key that opens its HTTP API. The key only ever travels in the
/// <c>x-functions-key</c> header: never in a URL, a message or a log line.
/// </summary>
/// <param name="KeySource">Where the key came from and how to get one, for the message when the app refuses it.</param>
internal sealed record PipelineApp(Uri Root, string Key, string KeySource)
{
    /// <summary>Base of the HTTP API, <c>{root}/api/</c>.</summary>
    public Uri Api => new(Root, "api/");

    /// <summary>How messages name the app: scheme, host and port only.</summary>
    public string Display => Root.GetLeftPart(UriPartial.Authority);

    public override string ToString() => Display;

    /// <summary>
    /// Reads <c>--app</c>: the app's URL (<c>https://func-x.azurewebsites.net</c>; a bare host name means https, a
    /// trailing <c>/api</c> is allowed). Plain http only for loopback, where the key does not cross a network.
    /// </summary>
    /// <returns>The root URL, or null with <paramref name="problem"/> saying why; the message never repeats the value, which may hold a key.</returns>
    public static Uri? ParseRoot(string text, out string? problem)
    {
        problem = null;
        var candidate = text.Contains("://", StringComparison.Ordinal) ? text : "https://" + text;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Host.Length == 0)
        {
            problem = "--app must be the Functions app's URL, e.g. https://func-abc123.azurewebsites.net.";
            return null;
        }

        if (uri.Query.Length > 0 || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            problem = "--app must be the app's URL alone, without a query, user name or fragment; give the function key with --key or DPO_FUNCTION_KEY.";
            return null;
        }

        if (uri.Scheme == "http" && !uri.IsLoopback)
        {
            problem = "--app must use https: over plain http the function key would cross the network readable by anyone on the way (http is accepted for loopback only).";
            return null;
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/api", StringComparison.OrdinalIgnoreCase))
        {
            path = path[..^"/api".Length];
        }

        return new Uri($"{uri.GetLeftPart(UriPartial.Authority)}{path}/");
    }
}
