using System.Net;
using System.Text;
using Xunit;

namespace DpoPipeline.Emulator.Tests;

public sealed class QuotaTests
{
    [Fact]
    public async Task CreateJob_BeyondQueuedLimit_Answers429WithRetryAfterAndCreatesNothing()
    {
        await using var session = await EmulatorSession.StartAsync(o => o.Quotas.MaxQueuedJobs = 2);
        var file = await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);
        await session.CreateJobAsync(file);
        await session.CreateJobAsync(file);

        using var third = await session.PostJsonAsync("openai/v1/fine_tuning/jobs", $$"""{"model":"gpt-4.1-mini","training_file":"{{file}}"}""");

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(session.Options.Quotas.RetryAfterSeconds), third.Headers.RetryAfter?.Delta);
        Assert.Equal(2, session.Emulator.State.JobsCreated);
    }

    [Fact]
    public async Task CreateJob_AfterAQueuedJobStartsRunning_IsAcceptedAgain()
    {
        await using var session = await EmulatorSession.StartAsync(o => o.Quotas.MaxQueuedJobs = 1);
        var d = session.Options.Durations;
        var file = await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);
        await session.CreateJobAsync(file);

        session.Advance(d.JobPending + d.JobValidatingFiles + d.JobQueued);
        using var next = await session.PostJsonAsync("openai/v1/fine_tuning/jobs", $$"""{"model":"gpt-4.1-mini","training_file":"{{file}}"}""");

        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
    }

    [Fact]
    public async Task FineTunedDeployments_BeyondLimit_AnswerInsufficientQuota_ButUpdatesAndBaseModelsPass()
    {
        await using var session = await EmulatorSession.StartAsync(o => o.Quotas.MaxFineTunedDeployments = 2);
        var model = await ChatCompletionTests.TrainAsync(session);
        using var first = await session.PutJsonAsync(EmulatorSession.DeploymentPath("ft-1"), EmulatorSession.DeploymentBody(model));
        using var second = await session.PutJsonAsync(EmulatorSession.DeploymentPath("ft-2"), EmulatorSession.DeploymentBody(model));

        using var third = await session.PutJsonAsync(EmulatorSession.DeploymentPath("ft-3"), EmulatorSession.DeploymentBody(model));
        using var update = await session.PutJsonAsync(EmulatorSession.DeploymentPath("ft-2"), EmulatorSession.DeploymentBody(model, """{"owner":"x"}"""));
        using var baseModel = await session.PutJsonAsync(EmulatorSession.DeploymentPath("judge"), EmulatorSession.DeploymentBody("gpt-4.1-mini-2025-04-14"));

        Assert.Equal(HttpStatusCode.BadRequest, third.StatusCode);
        var error = (await EmulatorSession.ReadJsonAsync(third)).GetProperty("error");
        Assert.Equal("InsufficientQuota", error.GetProperty("code").GetString());
        Assert.Contains("quota limit is 2", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(HttpStatusCode.Created, baseModel.StatusCode);
        Assert.Equal(3, session.Emulator.State.DeploymentsCreated);
    }

    [Fact]
    public async Task Deployments_InAnotherAccount_DoNotCountAgainstTheLimit()
    {
        await using var session = await EmulatorSession.StartAsync(o => o.Quotas.MaxFineTunedDeployments = 1);
        var model = await ChatCompletionTests.TrainAsync(session);
        using var first = await session.PutJsonAsync(EmulatorSession.DeploymentPath("ft-1"), EmulatorSession.DeploymentBody(model));

        using var other = await session.PutJsonAsync(
            "subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.CognitiveServices/accounts/other/deployments/ft-1?" + EmulatorSession.ApiVersion,
            EmulatorSession.DeploymentBody(model));

        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
    }

    [Fact]
    public async Task Upload_BeyondFileLimit_AnswersQuotaExceeded()
    {
        await using var session = await EmulatorSession.StartAsync(o => o.Quotas.MaxFiles = 1);
        using var first = await session.UploadAsync(Encoding.UTF8.GetBytes("""{"messages":[{"role":"user","content":"hi"}]}"""), "a.jsonl");

        using var second = await session.UploadAsync(Encoding.UTF8.GetBytes("""{"messages":[{"role":"user","content":"hi"}]}"""), "b.jsonl");

        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("quotaExceeded", (await EmulatorSession.ReadJsonAsync(second)).GetProperty("error").GetProperty("code").GetString());
        Assert.Single(session.Emulator.State.Files);
    }
}
