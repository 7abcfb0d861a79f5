using DpoPipeline.Core.Deployments;
using Xunit;

namespace DpoPipeline.Core.Tests.Deployments;

public sealed class DeploymentSkuTests
{
    [Theory]
    [InlineData("standard", "standard")]
    [InlineData("GlobalStandard", "GlobalStandard")]
    [InlineData("globalstandard", "GlobalStandard")]
    [InlineData("developertier", "developertier")]
    [InlineData("DeveloperTier", "developertier")]
    public void Settings_values_parse_to_the_documented_sku_names(string setting, string wireName) =>
        Assert.Equal(wireName, DeploymentSku.Parse(setting).Name);

    [Fact]
    public void An_unknown_sku_lists_the_valid_ones() =>
        Assert.Contains("standard, globalstandard or developertier", Assert.Throws<ArgumentException>(() => DeploymentSku.Parse("premium")).Message, StringComparison.Ordinal);
}
