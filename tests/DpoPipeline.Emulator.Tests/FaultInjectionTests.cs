using System.Net;
using DpoPipeline.Emulator.Faults;
using Xunit;

namespace DpoPipeline.Emulator.Tests;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task Header429_AnswersTooManyRequestsWithRetryAfter()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var response = await SendWithFaultAsync(session, "openai/v1/fine_tuning/jobs", "429;retry-after=2");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Equal("2000", response.Headers.GetValues("retry-after-ms").Single());
        Assert.Equal("429", (await EmulatorSession.ReadJsonAsync(response)).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(1, session.Emulator.State.FaultsInjected);
    }

    [Theory]
    [InlineData("500", HttpStatusCode.InternalServerError)]
    [InlineData("503", HttpStatusCode.ServiceUnavailable)]
    public async Task HeaderServerError_AnswersThatStatusWithAzureErrorBody(string fault, HttpStatusCode expected)
    {
        await using var session = await EmulatorSession.StartAsync();

        using var response = await SendWithFaultAsync(session, "openai/v1/files", fault);

        Assert.Equal(expected, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await EmulatorSession.ReadJsonAsync(response)).GetProperty("error").GetProperty("message").GetString()));
    }

    [Fact]
    public async Task HeaderDrop_AbortsTheConnection()
    {
        await using var session = await EmulatorSession.StartAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => SendWithFaultAsync(session, "openai/v1/files", "drop"));
    }

    [Fact]
    public async Task HeaderSlow_DelaysBeyondTheClientTimeout()
    {
        await using var session = await EmulatorSession.StartAsync();
        using var impatient = new HttpClient { BaseAddress = session.Emulator.BaseUri, Timeout = TimeSpan.FromMilliseconds(100) };
        impatient.DefaultRequestHeaders.Add("Authorization", "Bearer t");
        impatient.DefaultRequestHeaders.Add(FaultSpec.HeaderName, "slow=5000");

        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.GetAsync("openai/v1/files", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task InvalidHeader_AnswersBadRequestNamingTheProblem()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var response = await SendWithFaultAsync(session, "openai/v1/files", "teapot");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("teapot", (await EmulatorSession.ReadJsonAsync(response)).GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfiguredRule_FaultsOnlyTheFirstNMatchingRequests()
    {
        await using var session = await EmulatorSession.StartAsync(o => o.Faults.Add(new FaultRule { Fault = "429;retry-after=1", Method = "GET", PathContains = "/fine_tuning/jobs", Count = 2 }));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await session.Http.GetAsync("openai/v1/fine_tuning/jobs", TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        using var files = await session.Http.GetAsync("openai/v1/files", TestContext.Current.CancellationToken);
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.OK], statuses);
        Assert.Equal(HttpStatusCode.OK, files.StatusCode);
    }

    [Fact]
    public async Task ConfiguredRule_WithPathEndsWith_FaultsJobCreationButNotCancel()
    {
        await using var session = await EmulatorSession.StartAsync(o => o.Faults.Add(new FaultRule { Fault = "400", Method = "POST", PathEndsWith = "/fine_tuning/jobs" }));

        using var create = await session.PostJsonAsync("openai/v1/fine_tuning/jobs", "{}");
        using var cancel = await session.PostJsonAsync("openai/v1/fine_tuning/jobs/ftjob-00000000000000000000000000000000/cancel", "{}");

        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        Assert.Equal("invalidPayload", (await EmulatorSession.ReadJsonAsync(create)).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal(1, session.Emulator.State.FaultsInjected);
    }

    [Fact]
    public async Task ArmRoute429_UsesArmThrottlingCode()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var response = await SendWithFaultAsync(session, $"{EmulatorSession.AccountPath}/deployments?{EmulatorSession.ApiVersion}", "429;retry-after=7");

        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        Assert.Equal("TooManyRequests", (await EmulatorSession.ReadJsonAsync(response)).GetProperty("error").GetProperty("code").GetString());
    }

    private static async Task<HttpResponseMessage> SendWithFaultAsync(EmulatorSession session, string path, string fault)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(FaultSpec.HeaderName, fault);
        return await session.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
