using System.Globalization;
using System.Text;

namespace DpoPipeline.Core.Http;

/// <summary>Turns a classified service error into one sentence a user can act on.</summary>
internal static class ServiceErrorMessages
{
    /// <summary>The built-in role that covers files, fine-tuning jobs and deployments on an Azure OpenAI account.</summary>
    public const string RequiredRole = "Cognitive Services OpenAI Contributor";

    public static string Describe(
        string operation, ServiceErrorKind kind, int statusCode, string? serviceCode, string? serviceMessage, TimeSpan? retryAfter)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{operation} failed: {kind}");
        text.Append(statusCode == 0 ? " (no response)" : string.Create(CultureInfo.InvariantCulture, $" (HTTP {statusCode})"));
        if (!string.IsNullOrEmpty(serviceCode))
        {
            text.Append(CultureInfo.InvariantCulture, $", code '{serviceCode}'");
        }

        if (!string.IsNullOrEmpty(serviceMessage))
        {
            text.Append(": ").Append(serviceMessage.TrimEnd('.')).Append('.');
        }

        var advice = Advice(kind, retryAfter);
        if (advice.Length > 0)
        {
            text.Append(' ').Append(advice);
        }

        return text.ToString();
    }

    private static string Advice(ServiceErrorKind kind, TimeSpan? retryAfter) => kind switch
    {
        ServiceErrorKind.PermissionDenied =>
            $"Grant the identity the '{RequiredRole}' role on the Azure OpenAI account (it covers files, fine-tuning jobs and deployments).",
        ServiceErrorKind.AuthenticationFailed =>
            "Check the credential: the managed identity or DefaultAzureCredential (AZURE_CLIENT_ID), or the local OpenAI__ApiKey opt-in.",
        ServiceErrorKind.QuotaExceeded =>
            "Free quota (delete unused deployments or jobs) or request more quota for the subscription and region.",
        ServiceErrorKind.RateLimited => retryAfter is { } wait
            ? string.Create(CultureInfo.InvariantCulture, $"The service asked to retry after {wait.TotalSeconds:0.###} s.")
            : "Retry later.",
        ServiceErrorKind.ModelNotAvailable =>
            "Choose a base model that supports DPO fine-tuning in this region, or use an account in a region that offers it.",
        ServiceErrorKind.FileNotProcessed =>
            "Wait until the file's status is 'processed' (fix and re-upload it if its status is 'error') before creating the job.",
        ServiceErrorKind.DeploymentLimitReached =>
            "Delete expired deployments (the cleanup timer does this) or raise the account's deployment limit.",
        ServiceErrorKind.DeploymentFailed =>
            "Delete the failed deployment before creating it again; the Azure portal shows the provisioning error.",
        ServiceErrorKind.Transient => "The request was retried and still failed; try again later.",
        _ => string.Empty,
    };
}
