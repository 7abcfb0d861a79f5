using System.Net.Http.Headers;
using System.Net;
using Xunit;

namespace DpoPipeline.Emulator.Tests;

public sealed class AuthenticationTests
{
    [Theory]
    [InlineData("openai/v1/fine_tuning/jobs", "401")]
    [InlineData(EmulatorSession.AccountPath + "/deployments?" + EmulatorSession.ApiVersion, "AuthenticationFailed")]
    public async Task Request_WithoutCredential_AnswersUnauthorizedWithAzureErrorBody(string path, string code)
    {
        await using var session = await EmulatorSession.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = session.Emulator.BaseUri };

        using var response = await anonymous.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = (await EmulatorSession.ReadJsonAsync(response)).GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task DataPlane_WithApiKeyHeader_IsAccepted()
    {
        await using var session = await EmulatorSession.StartAsync();
        using var keyed = new HttpClient { BaseAddress = session.Emulator.BaseUri };
        keyed.DefaultRequestHeaders.Add("api-key", "local-key");

        using var response = await keyed.GetAsync("openai/v1/fine_tuning/jobs", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Arm_WithApiKeyOnly_IsRejected()
    {
        await using var session = await EmulatorSession.StartAsync();
        using var keyed = new HttpClient { BaseAddress = session.Emulator.BaseUri };
        keyed.DefaultRequestHeaders.Add("api-key", "local-key");

        using var response = await keyed.GetAsync($"{EmulatorSession.AccountPath}/deployments?{EmulatorSession.ApiVersion}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Request_WithEmptyBearer_IsRejected()
    {
        await using var session = await EmulatorSession.StartAsync();
        using var client = new HttpClient { BaseAddress = session.Emulator.BaseUri };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", " ");

        using var response = await client.GetAsync("openai/v1/files", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
