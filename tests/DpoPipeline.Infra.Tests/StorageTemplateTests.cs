using Xunit;

namespace DpoPipeline.Infra.Tests;

public sealed class StorageTemplateTests(InfraBuild infra)
{
    [Fact]
    public void StorageAccount_DisallowsSharedKeyAndAnonymousAccess()
    {
        var properties = infra.WithNewAccount.Single(ResourceTypes.StorageAccount)["properties"]!;

        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.True((bool)properties["defaultToOAuthAuthentication"]!);
        Assert.False((bool)properties["allowBlobPublicAccess"]!);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
    }

    [Fact]
    public void StorageAccount_HasDeploymentDatasetsRunsAndDeadLetterContainers_AllPrivate()
    {
        var containers = infra.WithNewAccount.OfType(ResourceTypes.BlobContainer);

        Assert.Equal(
            ["datasets", "deadletters", "deployment", "runs"],
            containers.Select(container => ((string)container["name"]!).Split('/')[^1]).Order(StringComparer.Ordinal));
        Assert.All(containers, container => Assert.Equal("None", (string?)container["properties"]!["publicAccess"]));
    }
}
