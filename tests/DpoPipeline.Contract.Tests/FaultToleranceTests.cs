using DpoPipeline.Contract.Tests.Emulated;
using DpoPipeline.Core.Deployments;
using DpoPipeline.Core.FineTuning;
using DpoPipeline.Core.Http;
using Xunit;

namespace DpoPipeline.Contract.Tests;

/// <summary>Every fault the emulator injects, on both clients: retried within bounds, never duplicating a paid resource.</summary>
public sealed class FaultToleranceTests
{
    [Theory]
    [InlineData("429;retry-after=2")]
    [InlineData("408")]
    [InlineData("500")]
    [InlineData("502")]
    [InlineData("503")]
    [InlineData("504")]
    [InlineData("drop")]
    [InlineData("slow=1500")]
    public async Task A_transient_fault_on_a_read_is_retried_and_the_read_succeeds(string fault)
    {
        await using var azure = await EmulatedAzure.StartAsync(retry: r => r.NetworkTimeout = TimeSpan.FromMilliseconds(750));
        var file = await azure.UploadProcessedAsync();
        var before = azure.Faults.Count(HttpMethod.Get, "/files/" + file.Id);
        azure.Faults.Inject(fault, HttpMethod.Get, "/files/" + file.Id);

        var read = await azure.RunAsync(token => azure.FineTuning.GetFileAsync(file.Id, token), TimeSpan.FromMilliseconds(100));

        Assert.Equal(file.Id, read.Id);
        Assert.Equal(1, azure.Emulator.State.FaultsInjected);
        Assert.Equal(before + 2, azure.Faults.Count(HttpMethod.Get, "/files/" + file.Id));
    }

    [Fact]
    public async Task An_upload_retried_after_a_network_timeout_completes_without_anyone_advancing_the_clock()
    {
        // The hang this guards against: the retry's backoff waited on a fake clock only RunAsync moved. The first attempt
        // outlasts the 5 s network timeout by far; the retry, on time even on a busy machine, stores the file.
        await using var azure = await EmulatedAzure.StartAsync();
        azure.Faults.Inject("slow=20000", HttpMethod.Post, "/files");
        await using var content = DpoData.OpenTraining();

        var file = await azure.FineTuning.UploadFileAsync(content, "train.jsonl", TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.Equal(content.Length, file.Bytes);
        Assert.Equal(1, azure.Emulator.State.FilesUploaded);
        Assert.Equal(2, azure.Faults.Count(HttpMethod.Post, "/files"));
    }

    [Fact]
    public async Task A_429_is_retried_only_after_the_retry_after_the_emulator_sent()
    {
        await using var azure = await EmulatedAzure.StartAsync(retry: r => r.BaseDelay = r.MaxDelay = TimeSpan.FromMilliseconds(100));
        azure.Faults.Inject("429;retry-after=3", HttpMethod.Get, "/deployments");

        await azure.RunAsync(token => azure.Deployments.ListAsync(token), TimeSpan.FromMilliseconds(50));

        var attempts = azure.Faults.Matching(HttpMethod.Get, "/deployments");
        Assert.Equal(2, attempts.Count);
        Assert.InRange(attempts[1].SentAt - attempts[0].AnsweredAt!.Value, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task A_fault_that_persists_gives_up_after_the_bounded_retries_with_a_transient_error()
    {
        await using var azure = await EmulatedAzure.StartAsync(retry: r => r.MaxRetries = 3);
        azure.Faults.Inject("503", HttpMethod.Get, "/fine_tuning/jobs", times: 100);

        var error = await Assert.ThrowsAsync<AzureOpenAIServiceException>(() =>
            azure.RunAsync(token => azure.FineTuning.ListJobsAsync(cancellationToken: token), TimeSpan.FromMilliseconds(500)));

        Assert.Equal(ServiceErrorKind.Transient, error.Kind);
        Assert.Equal(503, error.StatusCode);
        Assert.Equal("ServiceUnavailable", error.ServiceCode);
        Assert.Equal(4, azure.Faults.Count(HttpMethod.Get, "/fine_tuning/jobs"));
    }

    [Fact]
    public async Task A_long_retry_after_is_not_slept_but_surfaces_for_a_durable_timer()
    {
        await using var azure = await EmulatedAzure.StartAsync(retry: r => r.MaxRetryAfter = TimeSpan.FromSeconds(30));
        azure.Faults.Inject("429;retry-after=3600", HttpMethod.Get, "/fine_tuning/jobs");

        var error = await Assert.ThrowsAsync<AzureOpenAIServiceException>(() => azure.FineTuning.ListJobsAsync(cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(ServiceErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromHours(1), error.RetryAfter);
        Assert.Equal(1, azure.Faults.Count(HttpMethod.Get, "/fine_tuning/jobs"));
    }

    [Fact]
    public async Task Creating_a_job_through_429_drop_and_503_creates_exactly_one_job()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        var file = await azure.UploadProcessedAsync();
        azure.Faults.Inject("429;retry-after=1", HttpMethod.Post, "/fine_tuning/jobs");
        azure.Faults.Inject("drop", HttpMethod.Post, "/fine_tuning/jobs");
        azure.Faults.Inject("503", HttpMethod.Post, "/fine_tuning/jobs");
        var request = new DpoJobRequest { RunId = "run-faults", Model = "gpt-4.1-mini-2025-04-14", TrainingFileId = file.Id };

        var job = await azure.RunAsync(token => azure.FineTuning.CreateDpoJobAsync(request, token), TimeSpan.FromMilliseconds(500));
        var again = await azure.FineTuning.CreateDpoJobAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(job.Id, again.Id);
        Assert.Equal(1, azure.Emulator.State.JobsCreated);
        Assert.Equal(4, azure.Faults.Count(HttpMethod.Post, "/fine_tuning/jobs"));
    }

    [Fact]
    public async Task An_upload_retried_after_a_500_sends_the_whole_file_once_more_and_stores_one_file()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        azure.Faults.Inject("500", HttpMethod.Post, "/files");
        await using var content = DpoData.OpenTraining();

        var file = await azure.RunAsync(token => azure.FineTuning.UploadFileAsync(content, "train.jsonl", token), TimeSpan.FromMilliseconds(500));

        Assert.Equal(content.Length, file.Bytes);
        Assert.Equal(1, azure.Emulator.State.FilesUploaded);
        Assert.Equal(2, azure.Faults.Count(HttpMethod.Post, "/files"));
    }

    [Fact]
    public async Task Deploying_through_503_and_429_creates_exactly_one_deployment()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        azure.Faults.Inject("503", HttpMethod.Put, "/deployments/");
        azure.Faults.Inject("429;retry-after=1", HttpMethod.Put, "/deployments/");
        var request = new DeploymentRequest { RunId = "run-arm-faults", ModelName = "gpt-4.1-mini-2025-04-14", Owner = "dpopipeline" };

        var deployment = await azure.RunAsync(token => azure.Deployments.CreateOrUpdateAsync(request, token), TimeSpan.FromMilliseconds(500));

        Assert.Equal(DeploymentNames.ForRun("run-arm-faults"), deployment.Name);
        Assert.Equal(1, azure.Emulator.State.DeploymentsCreated);
        Assert.Equal(3, azure.Faults.Count(HttpMethod.Put, "/deployments/"));
    }
}
