using Xunit;

namespace DpoPipeline.Infra.Tests;

public sealed class MonitoringTemplateTests(InfraBuild infra)
{
    [Fact]
    public void ApplicationInsights_AcceptsEntraIdIngestionOnly_AndSendsToTheWorkspace()
    {
        var properties = infra.WithNewAccount.Single(ResourceTypes.ApplicationInsights)["properties"]!;
        var workspaceId = (string?)infra.WithNewAccount.Single(ResourceTypes.LogAnalyticsWorkspace)["id"];

        Assert.True((bool)properties["DisableLocalAuth"]!);
        Assert.Equal(workspaceId, (string?)properties["WorkspaceResourceId"]);
    }

    [Fact]
    public void LogAnalytics_DisablesLocalAuth()
    {
        var properties = infra.WithNewAccount.Single(ResourceTypes.LogAnalyticsWorkspace)["properties"]!;

        Assert.True((bool)properties["features"]!["disableLocalAuth"]!);
    }
}
