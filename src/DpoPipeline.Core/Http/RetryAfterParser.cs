using System.Globalization;
using System.Text.RegularExpressions;

namespace DpoPipeline.Core.Http;

/// <summary>
/// How long the service asked us to wait: <c>retry-after-ms</c> / <c>x-ms-retry-after-ms</c> (milliseconds),
/// <c>Retry-After</c> (seconds or an HTTP date), else a "retry after N seconds" hint in the error message,
/// which is all Azure OpenAI's token-rate 429s are known to carry.
/// </summary>
public static partial class RetryAfterParser
{
    public static TimeSpan? Parse(Func<string, string?> header, string? message, DateTimeOffset now)
    {
        foreach (var name in (string[])["retry-after-ms", "x-ms-retry-after-ms"])
        {
            if (double.TryParse(header(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
            {
                return TimeSpan.FromMilliseconds(ms);
            }
        }

        if (header("Retry-After") is { Length: > 0 } retryAfter)
        {
            if (double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return at > now ? at - now : TimeSpan.Zero;
            }
        }

        return message is not null && MessageHint().Match(message) is { Success: true } match
            ? TimeSpan.FromSeconds(int.Parse(match.Groups["seconds"].Value, CultureInfo.InvariantCulture))
            : null;
    }

    [GeneratedRegex(@"(?:retry after|try again in)\s+(?<seconds>\d{1,7})\s+second", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MessageHint();
}
