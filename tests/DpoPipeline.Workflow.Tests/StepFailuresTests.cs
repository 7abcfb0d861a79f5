using Azure;
using DpoPipeline.Core.Http;
using DpoPipeline.Workflow.Failures;
using DpoPipeline.Workflow.Storage;
using Microsoft.DurableTask;

namespace DpoPipeline.Workflow.Tests;

/// <summary>Which failures an activity's retry policy retries: transient ones only.</summary>
public sealed class StepFailuresTests
{
    public static TheoryData<Exception, bool, string> Failures() => new()
    {
        { Service(ServiceErrorKind.Transient, 503, "ServiceUnavailable"), true, "ServiceUnavailable" },
        { Service(ServiceErrorKind.RateLimited, 429, "429"), true, "429" },
        { Service(ServiceErrorKind.Transient, 0, null), true, "transient" },
        { Service(ServiceErrorKind.InvalidRequest, 400, "invalidPayload"), false, "invalidPayload" },
        { Service(ServiceErrorKind.PermissionDenied, 403, "PermissionDenied"), false, "PermissionDenied" },
        { Service(ServiceErrorKind.NotFound, 404, null), false, "not_found" },
        { Service(ServiceErrorKind.QuotaExceeded, 400, "InsufficientQuota"), false, "InsufficientQuota" },
        { new RequestFailedException(500, "blob store down", "InternalError", null), true, "InternalError" },
        { new RequestFailedException(403, "no role", "AuthorizationPermissionMismatch", null), false, "AuthorizationPermissionMismatch" },
        { new HttpRequestException("connection reset"), true, "network" },
        { new FileNotFoundException("no dataset"), false, "not_found" },
        { new DatasetChangedException(new Uri("https://a.blob.core.windows.net/datasets/x.jsonl"), "\"0x1\""), false, "dataset_changed" },
        { new InvalidOperationException("a bug"), false, "invalid_operation" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_failure_is_retried_only_when_it_is_transient_and_keeps_the_services_code(Exception thrown, bool transient, string code)
    {
        var failure = await Assert.ThrowsAnyAsync<StepFailedException>(() => StepFailures.RunAsync<int>(() => throw thrown));

        Assert.Equal(transient, StepFailureDetails.IsTransient(TaskFailureDetails.FromException(failure)));
        Assert.Equal(code, failure.Code);
        Assert.Equal((code, thrown.Message), StepFailedException.Parse(failure.Message));
    }

    private static AzureOpenAIServiceException Service(ServiceErrorKind kind, int status, string? code) =>
        new("create fine-tuning job", kind, status, code, "the service said no");
}
