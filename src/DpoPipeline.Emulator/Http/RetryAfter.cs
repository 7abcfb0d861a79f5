using System.Globalization;

namespace DpoPipeline.Emulator.Http;

/// <summary>Azure OpenAI sends both headers on throttling; clients should honour either.</summary>
internal static class RetryAfter
{
    public static void Set(HttpResponse response, int seconds)
    {
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        response.Headers["retry-after-ms"] = (seconds * 1000L).ToString(CultureInfo.InvariantCulture);
    }
}
