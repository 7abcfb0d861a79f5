namespace DpoPipeline.Core.Http;

/// <summary>
/// A request to Azure OpenAI (data plane) or ARM (deployments) failed in a way the caller should see:
/// a validation error, a missing role, an exhausted quota, or a transient fault that outlived the retries.
/// </summary>
public sealed class AzureOpenAIServiceException : Exception
{
    public AzureOpenAIServiceException(
        string operation,
        ServiceErrorKind kind,
        int statusCode,
        string? serviceCode,
        string? serviceMessage,
        TimeSpan? retryAfter = null,
        Exception? innerException = null)
        : base(ServiceErrorMessages.Describe(operation, kind, statusCode, serviceCode, serviceMessage, retryAfter), innerException)
    {
        Operation = operation;
        Kind = kind;
        StatusCode = statusCode;
        ServiceCode = serviceCode;
        ServiceMessage = serviceMessage;
        RetryAfter = retryAfter;
    }

    /// <summary>What the client was doing, e.g. "create fine-tuning job".</summary>
    public string Operation { get; }

    public ServiceErrorKind Kind { get; }

    /// <summary>HTTP status, or 0 when no response arrived (dropped connection, timeout).</summary>
    public int StatusCode { get; }

    /// <summary>The service's own error code (e.g. "InsufficientQuota", "model_not_available", "429").</summary>
    public string? ServiceCode { get; }

    /// <summary>The service's error message, with any configured secret removed.</summary>
    public string? ServiceMessage { get; }

    /// <summary>How long the service asked us to wait, when it said so (Retry-After, retry-after-ms or its message).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>True when trying again later can succeed without changing the request.</summary>
    public bool IsTransient => Kind is ServiceErrorKind.Transient or ServiceErrorKind.RateLimited;
}
