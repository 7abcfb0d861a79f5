using DpoPipeline.Core.Http;
using Xunit;

namespace DpoPipeline.Contract.Tests;

/// <summary>Recorded error bodies classify into the kinds a user can act on.</summary>
public sealed class ErrorPayloadTests
{
    [Theory]
    [InlineData("azure-error-404-ftjob-not-found.json", 404, ServiceErrorKind.NotFound, "notFound")]
    [InlineData("azure-error-404-resource-not-found.json", 404, ServiceErrorKind.NotFound, "404")]
    [InlineData("azure-error-429-ratelimit-from-issue-log.json", 429, ServiceErrorKind.RateLimited, "429")]
    [InlineData("azure-error-429-tokenrate-message-from-issue-log.json", 429, ServiceErrorKind.RateLimited, "429")]
    [InlineData("openai-error-400-model-not-available.json", 400, ServiceErrorKind.ModelNotAvailable, "model_not_available")]
    [InlineData("openai-error-400-invalid-training-file.json", 400, ServiceErrorKind.InvalidRequest, null)]
    [InlineData("openai-error-400-invalid-validation-file.json", 400, ServiceErrorKind.InvalidRequest, null)]
    [InlineData("openai-error-400-file-purpose.json", 400, ServiceErrorKind.InvalidRequest, null)]
    [InlineData("openai-error-404-file.json", 404, ServiceErrorKind.NotFound, null)]
    [InlineData("azure-arm-error-404-deployment-notfound.json", 404, ServiceErrorKind.NotFound, "NotFound")]
    [InlineData("azure-arm-error-insufficientquota-from-issue-log.json", 400, ServiceErrorKind.QuotaExceeded, "InsufficientQuota")]
    [InlineData("azure-arm-error-template-insufficientquota-verbatim.json", 400, ServiceErrorKind.QuotaExceeded, "InvalidTemplateDeployment")]
    [InlineData("azure-arm-error-deploymentmodelnotsupported-from-issue-log.json", 400, ServiceErrorKind.ModelNotAvailable, "DeploymentModelNotSupported")]
    public void Recorded_error_classifies_with_its_service_code(string name, int status, ServiceErrorKind kind, string? code)
    {
        var failure = ServiceFailure.FromResponse("test", status, Payloads.Read(name).ToMemory().Span, _ => null, DateTimeOffset.UnixEpoch, null);

        Assert.Equal(kind, failure.Kind);
        Assert.Equal(code, failure.ServiceCode);
        Assert.False(string.IsNullOrEmpty(failure.ServiceMessage));
        Assert.Contains(failure.ServiceMessage!.TrimEnd('.'), failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("azure-error-429-ratelimit-from-issue-log.json", 60)]
    [InlineData("azure-error-429-tokenrate-message-from-issue-log.json", 86400)]
    public void Azure_429_without_headers_takes_the_wait_from_its_message(string name, int seconds)
    {
        var failure = ServiceFailure.FromResponse("test", 429, Payloads.Read(name).ToMemory().Span, _ => null, DateTimeOffset.UnixEpoch, null);

        Assert.Equal(TimeSpan.FromSeconds(seconds), failure.RetryAfter);
        Assert.True(failure.IsTransient);
    }

    [Fact]
    public void Template_validation_error_keeps_the_nested_detail_message()
    {
        var error = ServiceError.Parse(Payloads.Read("azure-arm-error-template-insufficientquota-verbatim.json").ToMemory().Span);

        Assert.Equal("InsufficientQuota", Assert.Single(error.Details).Code);
        Assert.Contains("bigger than available capacity", error.FullMessage, StringComparison.Ordinal);
    }
}
