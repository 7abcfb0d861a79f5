using System.Text.Json.Nodes;
using Xunit;

namespace DpoPipeline.Infra.Tests;

public sealed class FunctionAppTemplateTests(InfraBuild infra)
{
    private JsonObject Site => infra.WithNewAccount.Single(ResourceTypes.Site);

    [Fact]
    public void Plan_IsFlexConsumptionFc1OnLinux()
    {
        var plan = infra.WithNewAccount.Single(ResourceTypes.AppServicePlan);

        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.True((bool)plan["properties"]!["reserved"]!);
        Assert.Equal((string?)plan["id"], (string?)Site["properties"]!["serverFarmId"]);
    }

    [Fact]
    public void FunctionApp_RunsDotnetIsolated10()
    {
        var runtime = Site["properties"]!["functionAppConfig"]!["runtime"]!;

        Assert.Equal("functionapp,linux", (string?)Site["kind"]);
        Assert.Equal("dotnet-isolated", (string?)runtime["name"]);
        Assert.Equal("10.0", (string?)runtime["version"]);
    }

    [Fact]
    public void FunctionApp_RunsAsTheUserAssignedIdentityOnly()
    {
        var identity = Site["identity"]!;
        var assigned = identity["userAssignedIdentities"]!.AsObject();

        Assert.Equal("UserAssigned", (string?)identity["type"]);
        var key = Assert.Single(assigned).Key;
        Assert.Contains("'identity-", key, StringComparison.Ordinal);
        Assert.Contains(".outputs.resourceId.value", key, StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionApp_PullsItsPackageFromTheDeploymentContainerWithItsIdentity()
    {
        var storage = Site["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;

        Assert.Equal("blobContainer", (string?)storage["type"]);
        Assert.EndsWith("'deployment')]", (string?)storage["value"], StringComparison.Ordinal);
        Assert.Equal("UserAssignedIdentity", (string?)storage["authentication"]!["type"]);
        var identityResourceId = (string?)storage["authentication"]!["userAssignedIdentityResourceId"];
        Assert.Contains("'identity-", identityResourceId, StringComparison.Ordinal);
        Assert.Contains(".outputs.resourceId.value", identityResourceId, StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionApp_IsTaggedAsTheAzdPipelineService_AndHttpsOnly()
    {
        Assert.Equal("pipeline", (string?)Site["tags"]!["azd-service-name"]);
        Assert.True((bool)Site["properties"]!["httpsOnly"]!);
    }

    [Fact]
    public void FunctionApp_DisallowsBasicAuthPublishing()
    {
        var policies = infra.WithNewAccount.OfType(ResourceTypes.BasicPublishingCredentialsPolicy);

        Assert.Equal(["ftp", "scm"], policies.Select(policy => ((string)policy["name"]!).Split('/')[^1]).Order(StringComparer.Ordinal));
        Assert.All(policies, policy => Assert.False((bool)policy["properties"]!["allow"]!));
    }
}
