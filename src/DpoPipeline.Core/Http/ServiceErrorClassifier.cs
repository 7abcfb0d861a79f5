namespace DpoPipeline.Core.Http;

/// <summary>
/// Maps an HTTP status plus the service's code and message to a <see cref="ServiceErrorKind"/>. Codes differ between
/// Azure OpenAI ("notFound", "429"), OpenAI ("model_not_available") and ARM ("InsufficientQuota"), so matching is by
/// case-insensitive fragments of code first, then of message, then by status.
/// </summary>
public static class ServiceErrorClassifier
{
    public static ServiceErrorKind Classify(int statusCode, string? codes, string? message)
    {
        if (statusCode == 0 || statusCode == 408 || statusCode >= 500)
        {
            return ServiceErrorKind.Transient;
        }

        if (statusCode == 401)
        {
            return ServiceErrorKind.AuthenticationFailed;
        }

        if (statusCode == 403 && !Has(codes, "quota"))
        {
            return ServiceErrorKind.PermissionDenied;
        }

        // A 404 message quotes the resource path, whose names may contain any of the words matched below.
        if (statusCode == 404)
        {
            return ServiceErrorKind.NotFound;
        }

        return ClassifyByContent(codes ?? string.Empty, message ?? string.Empty) ?? statusCode switch
        {
            409 => ServiceErrorKind.Conflict,
            429 => ServiceErrorKind.RateLimited,
            >= 400 and < 500 => ServiceErrorKind.InvalidRequest,
            _ => ServiceErrorKind.Unknown,
        };
    }

    private static ServiceErrorKind? ClassifyByContent(string codes, string message)
    {
        if (Has(codes, "DeploymentLimit") || (Has(message, "deployment") && (Has(message, "limit") || Has(message, "maximum number"))
            && !Has(message, "rate limit")))
        {
            return ServiceErrorKind.DeploymentLimitReached;
        }

        if (Has(codes, "quota"))
        {
            return ServiceErrorKind.QuotaExceeded;
        }

        if (Has(codes, "model_not_available") || Has(codes, "ModelNotSupported") || Has(codes, "ModelNotAvailable")
            || (Has(message, "model") && (Has(message, "not available") || Has(message, "not supported") || Has(message, "does not support fine-tuning"))))
        {
            return ServiceErrorKind.ModelNotAvailable;
        }

        if (Has(codes, "FileNotProcessed") || (Has(message, "file") && (Has(message, "not processed")
            || Has(message, "not been processed") || Has(message, "not ready") || Has(message, "still being processed")
            || Has(message, "failed validation"))))
        {
            return ServiceErrorKind.FileNotProcessed;
        }

        return null;
    }

    private static bool Has(string? text, string fragment) =>
        text is not null && text.Contains(fragment, StringComparison.OrdinalIgnoreCase);
}
