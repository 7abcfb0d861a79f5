using System.CommandLine;

namespace DpoPipeline.Cli;

/// <summary>An `--endpoint URL` option: an absolute http(s) URL, or a usage error that says so.</summary>
internal static class EndpointOption
{
    public static Option<Uri?> Create(string description) => new("--endpoint")
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                return uri;
            }

            result.AddError($"--endpoint must be an absolute http(s) URL, not '{text}'.");
            return null;
        },
    };
}
