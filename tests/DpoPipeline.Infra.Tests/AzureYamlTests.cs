using DpoPipeline.Testing;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace DpoPipeline.Infra.Tests;

public sealed class AzureYamlTests
{
    private static readonly YamlMappingNode Root = Load();

    [Fact]
    public void PipelineService_DeploysTheFunctionsProjectAsADotnetFunctionApp()
    {
        var service = Mapping(Root, "services", "pipeline");

        Assert.Equal("./src/DpoPipeline.Functions", Scalar(service, "project"));
        Assert.True(File.Exists(RepositoryPaths.Combine("src", "DpoPipeline.Functions", "DpoPipeline.Functions.csproj")));
        Assert.Equal("dotnet", Scalar(service, "language"));
        Assert.Equal("function", Scalar(service, "host"));
    }

    [Theory]
    [InlineData("posix", "sh")]
    [InlineData("windows", "pwsh")]
    public void PostDeployHook_RunsAnExistingScript_ForEachPlatform(string platform, string shell)
    {
        var hook = Mapping(Root, "hooks", "postdeploy", platform);

        Assert.Equal(shell, Scalar(hook, "shell"));
        Assert.True(File.Exists(RepositoryPaths.Combine(Scalar(hook, "run"))), $"{Scalar(hook, "run")} does not exist.");
    }

    [Fact]
    public void InfraFolder_IsTheDefaultOne_SoAzdProvisionsMainBicep()
    {
        Assert.False(Root.Children.ContainsKey(new YamlScalarNode("infra")));
        Assert.True(File.Exists(InfraFiles.MainTemplate));
        Assert.True(File.Exists(InfraFiles.MainParameters));
    }

    private static YamlMappingNode Load()
    {
        using var reader = new StreamReader(InfraFiles.AzureYaml);
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Mapping(YamlMappingNode node, params string[] path) =>
        path.Aggregate(node, (current, key) => (YamlMappingNode)current.Children[new YamlScalarNode(key)]);

    private static string Scalar(YamlMappingNode node, string key) =>
        ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;
}
