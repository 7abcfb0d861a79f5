using DpoPipeline.Core.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DpoPipeline.Core.Tests.Http;

public sealed class ServiceResilienceTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Transient_failure_is_retried_after_the_servers_retry_after()
    {
        var resilience = Create(new RetrySettings { MaxRetries = 3 });
        var attemptTimes = new List<DateTimeOffset>();
        var run = resilience.ExecuteAsync(
            _ =>
            {
                attemptTimes.Add(_time.GetUtcNow());
                return attemptTimes.Count == 1 ? throw Failure(ServiceErrorKind.RateLimited, TimeSpan.FromSeconds(2)) : ValueTask.FromResult("ok");
            },
            TestContext.Current.CancellationToken).AsTask();

        await AdvanceUntilDone(run, TimeSpan.FromMilliseconds(100));

        Assert.Equal("ok", await run);
        var waited = attemptTimes[1] - attemptTimes[0];
        Assert.InRange(waited, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2.1));
    }

    [Fact]
    public async Task Retries_are_bounded_and_the_last_failure_surfaces()
    {
        var resilience = Create(new RetrySettings { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(10) });
        var attempts = 0;
        var run = resilience.ExecuteAsync<string>(
            _ => { attempts++; throw Failure(ServiceErrorKind.Transient, null); }, TestContext.Current.CancellationToken).AsTask();

        await AdvanceUntilDone(run, TimeSpan.FromSeconds(1));

        var failure = await Assert.ThrowsAsync<AzureOpenAIServiceException>(() => run);
        Assert.Equal(ServiceErrorKind.Transient, failure.Kind);
        Assert.Equal(3, attempts);
    }

    [Theory]
    [InlineData(ServiceErrorKind.InvalidRequest)]
    [InlineData(ServiceErrorKind.QuotaExceeded)]
    [InlineData(ServiceErrorKind.PermissionDenied)]
    [InlineData(ServiceErrorKind.NotFound)]
    public async Task Validation_and_permission_errors_are_never_retried(ServiceErrorKind kind)
    {
        var attempts = 0;

        await Assert.ThrowsAsync<AzureOpenAIServiceException>(() => Create(new RetrySettings()).ExecuteAsync<string>(
            _ => { attempts++; throw Failure(kind, null); }, TestContext.Current.CancellationToken).AsTask());

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task A_wait_longer_than_max_retry_after_is_left_to_the_caller()
    {
        var attempts = 0;

        var failure = await Assert.ThrowsAsync<AzureOpenAIServiceException>(() => Create(new RetrySettings { MaxRetryAfter = TimeSpan.FromMinutes(1) })
            .ExecuteAsync<string>(_ => { attempts++; throw Failure(ServiceErrorKind.RateLimited, TimeSpan.FromHours(24)); }, TestContext.Current.CancellationToken)
            .AsTask());

        Assert.Equal(1, attempts);
        Assert.Equal(TimeSpan.FromHours(24), failure.RetryAfter);
    }

    private ServiceResilience Create(RetrySettings settings) => new(settings, _time, NullLogger.Instance);

    private static AzureOpenAIServiceException Failure(ServiceErrorKind kind, TimeSpan? retryAfter) =>
        new("test operation", kind, kind == ServiceErrorKind.RateLimited ? 429 : 500, null, null, retryAfter);

    private async Task AdvanceUntilDone(Task run, TimeSpan step)
    {
        while (!run.IsCompleted)
        {
            _time.Advance(step);
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }
    }
}
