using System.ClientModel;
using System.Net;

namespace DpoPipeline.Core.Evaluation;

/// <summary>Failures worth another attempt: throttling, server errors, timeouts and dropped connections.</summary>
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
}
