using Xunit;

namespace DpoPipeline.Infra.Tests;

public sealed class OpenAiAccountTemplateTests(InfraBuild infra)
{
    [Fact]
    public void WithoutAnAccountName_CreatesAKeylessAccountWithACustomSubdomain()
    {
        var account = infra.WithNewAccount.Single(ResourceTypes.CognitiveServicesAccount);
        var properties = account["properties"]!;

        Assert.Equal("OpenAI", (string?)account["kind"]);
        Assert.True((bool)properties["disableLocalAuth"]!);
        Assert.Equal((string?)account["name"], (string?)properties["customSubDomainName"]);
    }

    [Fact]
    public void WithAnAccountName_CreatesNoAccount_AndPointsArmSettingsAtTheExistingOne()
    {
        var settings = (string)infra.WithExistingAccount.Single(ResourceTypes.SiteConfig)["properties"]!;

        Assert.Empty(infra.WithExistingAccount.OfType(ResourceTypes.CognitiveServicesAccount));
        Assert.Contains($"'Arm__AccountName', 'value', '{InfraBuild.ExistingAccountName}'", settings, StringComparison.Ordinal);
        Assert.Contains($"'Arm__ResourceGroup', 'value', '{InfraBuild.ExistingAccountResourceGroup}'", settings, StringComparison.Ordinal);
        Assert.Contains($"'Arm__SubscriptionId', 'value', '{InfraBuild.ExistingAccountSubscriptionId}'", settings, StringComparison.Ordinal);
    }

    [Fact]
    public void TheEndpoint_IsTheOneTheAccountReports_NotBuiltFromASubdomainOrACloudSuffix()
    {
        var endpoint = (string?)infra.Main.Root["resources"]?["openAiAccess"]?["properties"]?["template"]?["outputs"]?["endpoint"]?["value"];

        Assert.NotNull(endpoint);
        Assert.Contains("reference('account').endpoints, 'OpenAI Language Model Instance API'", endpoint, StringComparison.Ordinal);
        Assert.DoesNotContain("customSubDomainName", endpoint, StringComparison.Ordinal);
        Assert.DoesNotContain("openai.azure.com", endpoint, StringComparison.Ordinal);
    }
}
