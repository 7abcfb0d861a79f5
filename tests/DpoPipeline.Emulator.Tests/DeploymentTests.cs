using System.Net;
using Xunit;

namespace DpoPipeline.Emulator.Tests;

public sealed class DeploymentTests
{
    private const string BaseModel = "gpt-4.1-mini-2025-04-14";

    [Fact]
    public async Task Put_NewDeployment_Answers201CreatingThenSucceededAfterProvisioning()
    {
        await using var session = await EmulatorSession.StartAsync();
        var path = EmulatorSession.DeploymentPath("dpo-run-1");

        using var put = await session.PutJsonAsync(path, EmulatorSession.DeploymentBody(BaseModel, """{"owner":"dpopipeline","dpo_run_id":"run-1"}"""));

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.NotNull(put.Headers.GetValues("Azure-AsyncOperation").Single());
        Assert.NotNull(put.Headers.Location);
        var created = await EmulatorSession.ReadJsonAsync(put);
        Assert.Equal("Creating", created.GetProperty("properties").GetProperty("provisioningState").GetString());
        Assert.Equal(1, created.GetProperty("sku").GetProperty("capacity").GetInt32());
        Assert.Equal("run-1", created.GetProperty("tags").GetProperty("dpo_run_id").GetString());
        Assert.Equal($"/{EmulatorSession.AccountPath}/deployments/dpo-run-1", created.GetProperty("id").GetString());

        session.Advance(session.Options.Durations.DeploymentCreating - TimeSpan.FromSeconds(1));
        Assert.Equal("Creating", await StateAsync(session, path));
        session.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("Succeeded", await StateAsync(session, path));
        Assert.Equal(1, session.Emulator.State.DeploymentsCreated);
    }

    [Fact]
    public async Task Put_ExistingDeployment_Answers200AndCountsNoNewDeployment()
    {
        await using var session = await EmulatorSession.StartAsync();
        var path = EmulatorSession.DeploymentPath("dpo-run-1");
        using var first = await session.PutJsonAsync(path, EmulatorSession.DeploymentBody(BaseModel));

        using var second = await session.PutJsonAsync(path, EmulatorSession.DeploymentBody(BaseModel, """{"owner":"x"}"""));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, session.Emulator.State.DeploymentsCreated);
        Assert.Equal("x", Assert.Single(session.Emulator.State.Deployments).Tags["owner"]);
    }

    [Fact]
    public async Task Get_UnknownDeployment_Answers404NotFound()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var get = await session.Http.GetAsync(EmulatorSession.DeploymentPath("nope"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        var error = (await EmulatorSession.ReadJsonAsync(get)).GetProperty("error");
        Assert.Equal("NotFound", error.GetProperty("code").GetString());
        Assert.Contains("/deployments/nope' cannot be found.", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_Existing_Answers200ThenAbsentAnswers204()
    {
        await using var session = await EmulatorSession.StartAsync();
        var path = EmulatorSession.DeploymentPath("dpo-run-1");
        using var put = await session.PutJsonAsync(path, EmulatorSession.DeploymentBody(BaseModel));

        using var first = await session.Http.DeleteAsync(path, TestContext.Current.CancellationToken);
        using var second = await session.Http.DeleteAsync(path, TestContext.Current.CancellationToken);
        using var get = await session.Http.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Empty(await first.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task List_ReturnsTheAccountsDeploymentsWithTags()
    {
        await using var session = await EmulatorSession.StartAsync();
        using var a = await session.PutJsonAsync(EmulatorSession.DeploymentPath("a"), EmulatorSession.DeploymentBody(BaseModel, """{"owner":"dpopipeline"}"""));
        using var b = await session.PutJsonAsync(EmulatorSession.DeploymentPath("b"), EmulatorSession.DeploymentBody(BaseModel));
        using var other = await session.PutJsonAsync("subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.CognitiveServices/accounts/other/deployments/c?" + EmulatorSession.ApiVersion, EmulatorSession.DeploymentBody(BaseModel));

        var list = await session.GetJsonAsync($"{EmulatorSession.AccountPath}/deployments?{EmulatorSession.ApiVersion}");

        var names = list.GetProperty("value").EnumerateArray().Select(d => d.GetProperty("name").GetString()).ToList();
        Assert.Equal(["a", "b"], names);
        Assert.Equal("dpopipeline", list.GetProperty("value")[0].GetProperty("tags").GetProperty("owner").GetString());
    }

    [Fact]
    public async Task Request_WithoutApiVersion_AnswersMissingApiVersionParameter()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var get = await session.Http.GetAsync($"{EmulatorSession.AccountPath}/deployments", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
        Assert.Equal("MissingApiVersionParameter", (await EmulatorSession.ReadJsonAsync(get)).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Put_UnknownModel_AnswersDeploymentModelNotSupported()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var put = await session.PutJsonAsync(EmulatorSession.DeploymentPath("x"), EmulatorSession.DeploymentBody("gpt-4o-mini-2024-07-18.ft-00000000000000000000000000000000"));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("DeploymentModelNotSupported", (await EmulatorSession.ReadJsonAsync(put)).GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(session.Emulator.State.Deployments);
    }

    [Theory]
    [InlineData("emulator-fail-1", "{}")]
    [InlineData("dpo-run-1", """{"emulator-fault":"fail"}""")]
    public async Task DeploymentMarkedToFail_EndsFailed(string name, string tags)
    {
        await using var session = await EmulatorSession.StartAsync();
        var path = EmulatorSession.DeploymentPath(name);
        using var put = await session.PutJsonAsync(path, EmulatorSession.DeploymentBody(BaseModel, tags));

        session.Advance(session.Options.Durations.DeploymentCreating);

        Assert.Equal("Failed", await StateAsync(session, path));
    }

    [Fact]
    public async Task AsyncOperation_ReportsCreatingThenSucceededWithEndTime()
    {
        await using var session = await EmulatorSession.StartAsync();
        using var put = await session.PutJsonAsync(EmulatorSession.DeploymentPath("op"), EmulatorSession.DeploymentBody(BaseModel));
        var operation = put.Headers.GetValues("Azure-AsyncOperation").Single();

        var creating = await session.GetJsonAsync(operation);
        session.Advance(session.Options.Durations.DeploymentCreating);
        var succeeded = await session.GetJsonAsync(operation);

        Assert.Equal("Creating", creating.GetProperty("status").GetString());
        Assert.False(creating.TryGetProperty("endTime", out _));
        Assert.Equal("Succeeded", succeeded.GetProperty("status").GetString());
        Assert.True(succeeded.TryGetProperty("endTime", out _));
    }

    private static async Task<string> StateAsync(EmulatorSession session, string path) =>
        (await session.GetJsonAsync(path)).GetProperty("properties").GetProperty("provisioningState").GetString()!;
}
