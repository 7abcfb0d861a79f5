using Xunit;

namespace DpoPipeline.Infra.Tests;

/// <summary>The POSIX postdeploy hook, run for real against a fake `az`.</summary>
public sealed class PostDeployHookTests : IDisposable
{
    private static readonly Dictionary<string, string> AzdOutputs = new()
    {
        ["AZURE_TENANT_ID"] = InfraBuild.TenantId,
        ["AZURE_SUBSCRIPTION_ID"] = InfraBuild.SubscriptionId,
        ["AZURE_RESOURCE_GROUP"] = InfraBuild.ResourceGroup,
        ["AZURE_FUNCTION_APP_NAME"] = InfraBuild.FunctionAppName,
        ["AZURE_EVENTGRID_SYSTEM_TOPIC_NAME"] = InfraBuild.SystemTopicName,
    };

    private readonly FakeAzureCli _az = new();

    [Fact]
    public async Task Hook_WhenTheBlobKeyExists_DeploysTheEventSubscriptionTemplateForTheAppAndTopic()
    {
        var (exitCode, _, stderr) = await _az.RunHookAsync(AzdOutputs, keyFromCall: 1, TestContext.Current.CancellationToken);

        Assert.True(exitCode == 0, stderr);
        var (workingDirectory, arguments) = _az.Calls()[^1];
        Assert.Equal(["deployment", "group", "create"], arguments.Take(3));
        Assert.Equal(InfraBuild.SubscriptionId, ValueOf(arguments, "--subscription"));
        Assert.Equal(InfraBuild.ResourceGroup, ValueOf(arguments, "--resource-group"));
        Assert.Equal(InfraFiles.EventSubscriptionTemplate, Path.GetFullPath(ValueOf(arguments, "--template-file"), workingDirectory));
        Assert.Contains($"functionAppName={InfraBuild.FunctionAppName}", arguments);
        Assert.Contains($"systemTopicName={InfraBuild.SystemTopicName}", arguments);
    }

    [Fact]
    public async Task Hook_AsksOnlyWhetherTheKeyExists_NeverForTheKeyItself()
    {
        await _az.RunHookAsync(AzdOutputs, keyFromCall: 1, TestContext.Current.CancellationToken);

        var keyQuery = _az.Calls().Single(call => call.Arguments[0] == "functionapp").Arguments;
        Assert.Equal("systemKeys.blobs_extension != `null`", ValueOf(keyQuery, "--query"));
        Assert.Equal(InfraBuild.FunctionAppName, ValueOf(keyQuery, "--name"));
    }

    [Fact]
    public async Task Hook_WaitsForTheHostToCreateTheBlobKey_BeforeSubscribing()
    {
        var (exitCode, stdout, stderr) = await _az.RunHookAsync(AzdOutputs, keyFromCall: 3, TestContext.Current.CancellationToken);

        Assert.True(exitCode == 0, stderr);
        Assert.Equal(
            ["account", "functionapp", "functionapp", "functionapp", "deployment"],
            _az.Calls().Select(call => call.Arguments[0]));
        Assert.Contains("waiting for the function host", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hook_WhenTheKeyNeverAppears_FailsWithAClearErrorAndSubscribesNothing()
    {
        var environment = new Dictionary<string, string>(AzdOutputs) { ["DPO_POSTDEPLOY_MAX_ATTEMPTS"] = "2" };

        var (exitCode, _, stderr) = await _az.RunHookAsync(environment, keyFromCall: int.MaxValue, TestContext.Current.CancellationToken);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("no blobs_extension key after 2 tries", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(_az.Calls(), call => call.Arguments[0] == "deployment");
    }

    [Fact]
    public async Task Hook_AsksAzForATokenOfTheTenantAzdDeployedTo_BeforeAnythingElse()
    {
        await _az.RunHookAsync(AzdOutputs, keyFromCall: 1, TestContext.Current.CancellationToken);

        var (_, arguments) = _az.Calls()[0];
        Assert.Equal(["account", "get-access-token"], arguments.Take(2));
        Assert.Equal(InfraBuild.TenantId, ValueOf(arguments, "--tenant"));
    }

    [Fact]
    public async Task Hook_WhenAzIsSignedInToAnotherTenant_SaysHowToSignInThereAndSubscribesNothing()
    {
        _az.SignedInTenant = "00000000-0000-0000-0000-0000000000ff";

        var (exitCode, _, stderr) = await _az.RunHookAsync(AzdOutputs, keyFromCall: 1, TestContext.Current.CancellationToken);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"az login --tenant {InfraBuild.TenantId}", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(_az.Calls(), call => call.Arguments[0] is "functionapp" or "deployment");
    }

    [Theory]
    [InlineData("AZURE_TENANT_ID")]
    [InlineData("AZURE_SUBSCRIPTION_ID")]
    [InlineData("AZURE_RESOURCE_GROUP")]
    [InlineData("AZURE_FUNCTION_APP_NAME")]
    [InlineData("AZURE_EVENTGRID_SYSTEM_TOPIC_NAME")]
    public async Task Hook_WithoutAnAzdOutput_FailsNamingItAndCallsNothing(string missing)
    {
        var environment = AzdOutputs.Where(pair => pair.Key != missing).ToDictionary();

        var (exitCode, _, stderr) = await _az.RunHookAsync(environment, keyFromCall: 1, TestContext.Current.CancellationToken);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(missing, stderr, StringComparison.Ordinal);
        Assert.Empty(_az.Calls());
    }

    public void Dispose() => _az.Dispose();

    private static string ValueOf(IReadOnlyList<string> arguments, string option)
    {
        var index = arguments.ToList().IndexOf(option);
        Assert.True(index >= 0 && index + 1 < arguments.Count, $"{option} is missing from: {string.Join(' ', arguments)}");
        return arguments[index + 1];
    }
}
