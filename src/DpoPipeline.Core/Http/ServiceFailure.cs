using System.ClientModel;
using Azure;

namespace DpoPipeline.Core.Http;

/// <summary>Builds the <see cref="AzureOpenAIServiceException"/> for an error response or a failed transport attempt.</summary>
internal static class ServiceFailure
{
    public static AzureOpenAIServiceException FromResponse(
        string operation, int statusCode, ReadOnlySpan<byte> body, Func<string, string?> header, DateTimeOffset now, string? secret)
    {
        var error = ServiceError.Parse(body);
        var message = Redact(error.FullMessage, secret);
        var kind = ServiceErrorClassifier.Classify(statusCode, error.AllCodes, message);
        var retryAfter = RetryAfterParser.Parse(header, message, now);
        return new AzureOpenAIServiceException(operation, kind, statusCode, error.Code, message, retryAfter);
    }

    /// <summary>
    /// A dropped connection or a network timeout (not the caller's cancellation) is transient; anything else is not
    /// a transport failure and is left to propagate.
    /// </summary>
    public static AzureOpenAIServiceException? FromTransport(string operation, Exception exception, CancellationToken cancellationToken)
    {
        var transient = exception switch
        {
            OperationCanceledException => !cancellationToken.IsCancellationRequested,
            HttpRequestException or IOException => true,
            ClientResultException { Status: 0 } => true,
            RequestFailedException { Status: 0 } => true,
            _ => false,
        };
        return transient
            ? new AzureOpenAIServiceException(operation, ServiceErrorKind.Transient, 0, null, exception.GetBaseException().Message, null, exception)
            : null;
    }

    /// <summary>Removes a configured secret from text that came from the wire, in case a proxy echoes a header back.</summary>
    public static string? Redact(string? text, string? secret) =>
        string.IsNullOrEmpty(secret) || text is null ? text : text.Replace(secret, "***", StringComparison.Ordinal);
}
