using System.ClientModel;
using System.Globalization;
using System.Net;

namespace DpoPipeline.Core.Evaluation;

/// <summary>Failures worth another attempt (throttling, server errors, timeouts, dropped connections) and the wait the service asked for.</summary>
internal static class TransientFailures
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        ClientResultException { Status: 0 } => true, // no response at all
        ClientResultException result => result.Status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500,
        HttpRequestException or TimeoutException or IOException => true,
        TaskCanceledException => true, // an HTTP timeout; the caller's own cancellation is checked before retrying
        _ => false,
    };

    /// <summary>
    /// The delay a throttled response asked for: Azure's <c>retry-after-ms</c>, else <c>Retry-After</c> in seconds or
    /// as an HTTP date; null when the response named none.
    /// </summary>
    public static TimeSpan? RetryAfter(Exception? exception, DateTimeOffset now)
    {
        if (exception is not ClientResultException result || result.GetRawResponse() is not { } response)
        {
            return null;
        }

        if (response.Headers.TryGetValue("retry-after-ms", out var ms)
            && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        if (!response.Headers.TryGetValue("Retry-After", out var value) || value is null)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? (at > now ? at - now : TimeSpan.Zero)
            : null;
    }
}
