using DpoPipeline.Core.Http;
using Xunit;

namespace DpoPipeline.Core.Tests.Http;

public sealed class ServiceErrorClassifierTests
{
    [Theory]
    [InlineData(0, null, null, ServiceErrorKind.Transient)]
    [InlineData(408, null, null, ServiceErrorKind.Transient)]
    [InlineData(500, "InternalServerError", null, ServiceErrorKind.Transient)]
    [InlineData(503, "quota", "quota service down", ServiceErrorKind.Transient)]
    [InlineData(401, "401", "Access denied due to invalid subscription key or wrong API endpoint.", ServiceErrorKind.AuthenticationFailed)]
    [InlineData(403, "AuthorizationFailed", "does not have authorization to perform action", ServiceErrorKind.PermissionDenied)]
    [InlineData(404, "notFound", "The specified entity cannot be found.", ServiceErrorKind.NotFound)]
    [InlineData(409, "Conflict", "Job is not running.", ServiceErrorKind.Conflict)]
    [InlineData(429, "429", "Rate limit is exceeded.", ServiceErrorKind.RateLimited)]
    [InlineData(429, "insufficient_quota", "You exceeded your current quota.", ServiceErrorKind.QuotaExceeded)]
    [InlineData(400, "InsufficientQuota", "This operation require 240 new capacity", ServiceErrorKind.QuotaExceeded)]
    [InlineData(400, "DeploymentLimitReached", "Too many deployments.", ServiceErrorKind.DeploymentLimitReached)]
    [InlineData(400, "InvalidResourceProperties", "The account reached the maximum number of deployments (5).", ServiceErrorKind.DeploymentLimitReached)]
    [InlineData(400, "model_not_available", "Model x is not available for fine-tuning.", ServiceErrorKind.ModelNotAvailable)]
    [InlineData(400, "DeploymentModelNotSupported", "The model is not supported.", ServiceErrorKind.ModelNotAvailable)]
    [InlineData(400, "invalidPayload", "The specified base model does not support fine-tuning.", ServiceErrorKind.ModelNotAvailable)]
    [InlineData(400, "invalidPayload", "The training file file-1 has not been processed yet.", ServiceErrorKind.FileNotProcessed)]
    [InlineData(400, "invalidPayload", "The file 'file-1' given as training_file failed validation: line 3 is not JSON", ServiceErrorKind.FileNotProcessed)]
    [InlineData(400, "InsufficientQuota", "The current quota usage is 5 and the quota limit is 5 for quota Fine-tuned model deployments.", ServiceErrorKind.DeploymentLimitReached)]
    [InlineData(400, null, "invalid training_file: Invalid File Name", ServiceErrorKind.InvalidRequest)]
    public void Classifies_status_code_and_message(int status, string? code, string? message, ServiceErrorKind expected) =>
        Assert.Equal(expected, ServiceErrorClassifier.Classify(status, code, message));

    [Fact]
    public void Permission_denied_message_names_the_missing_role()
    {
        var failure = new AzureOpenAIServiceException("create fine-tuning job", ServiceErrorKind.PermissionDenied, 403, "PermissionDenied", "Principal does not have access");

        Assert.Contains("Cognitive Services OpenAI Contributor", failure.Message, StringComparison.Ordinal);
        Assert.StartsWith("create fine-tuning job failed: PermissionDenied (HTTP 403), code 'PermissionDenied'", failure.Message, StringComparison.Ordinal);
        Assert.False(failure.IsTransient);
    }

    [Theory]
    [InlineData(ServiceErrorKind.QuotaExceeded, "quota")]
    [InlineData(ServiceErrorKind.ModelNotAvailable, "region")]
    [InlineData(ServiceErrorKind.FileNotProcessed, "processed")]
    [InlineData(ServiceErrorKind.DeploymentLimitReached, "Delete expired deployments")]
    public void Actionable_kinds_say_what_to_do(ServiceErrorKind kind, string advice) =>
        Assert.Contains(advice, new AzureOpenAIServiceException("op", kind, 400, null, "service said no").Message, StringComparison.Ordinal);

    [Fact]
    public void Error_body_that_is_not_json_still_classifies_by_status()
    {
        var failure = ServiceFailure.FromResponse("get job", 502, "<html>Bad gateway</html>"u8, _ => null, DateTimeOffset.UnixEpoch, null);

        Assert.Equal(ServiceErrorKind.Transient, failure.Kind);
        Assert.Null(failure.ServiceMessage);
    }

    [Fact]
    public void A_configured_secret_echoed_by_the_service_is_removed_from_the_message()
    {
        var body = """{"error":{"code":"401","message":"Access denied for key sk-test-1234567890"}}"""u8;

        var failure = ServiceFailure.FromResponse("get job", 401, body, _ => null, DateTimeOffset.UnixEpoch, "sk-test-1234567890");

        Assert.DoesNotContain("sk-test-1234567890", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-test-1234567890", failure.ServiceMessage!, StringComparison.Ordinal);
    }
}
