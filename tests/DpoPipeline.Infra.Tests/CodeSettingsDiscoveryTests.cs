using DpoPipeline.Infra.Tests.DiscoverySamples;
using Xunit;

namespace DpoPipeline.Infra.Tests;

public sealed class CodeSettingsDiscoveryTests
{
    [Fact]
    public void Discover_FindsSettableScalarOptionsProperties_AndBindingExpressions()
    {
        var found = CodeSettingsDiscovery.Discover([typeof(SampleOptions).Assembly])
            .Where(setting => setting.Name.StartsWith("Sample", StringComparison.Ordinal))
            .Select(setting => (setting.Name, setting.Reader))
            .OrderBy(setting => setting.Name, StringComparer.Ordinal);

        Assert.Equal(
            [
                ("SampleSchedule", SettingReader.BindingExpression),
                ("Sample__Connection", SettingReader.BindingExpression),
                ("Sample__Count", SettingReader.OptionsClass),
                ("Sample__Endpoint", SettingReader.OptionsClass),
                ("Sample__Timeout", SettingReader.OptionsClass),
            ],
            found);
    }

    [Fact]
    public void SectionNameOf_ReadsTheConstant_AndIgnoresOtherTypes()
    {
        Assert.Equal("Sample", CodeSettingsDiscovery.SectionNameOf(typeof(SampleOptions)));
        Assert.Null(CodeSettingsDiscovery.SectionNameOf(typeof(SampleRetryOptions)));
    }

    [Fact]
    public void ProductAssemblies_AreTheAppsAssemblies_WithoutTestAssemblies()
    {
        var names = CodeSettingsDiscovery.ProductAssemblies().Select(assembly => assembly.GetName().Name!).ToList();

        // The contract checks are only as good as the assemblies they see: the app and everything it reads settings in.
        Assert.Contains("DpoPipeline.Core", names);
        Assert.Contains("DpoPipeline.Workflow", names);
        Assert.Contains("DpoPipeline.Functions", names);
        Assert.DoesNotContain(names, name => name.EndsWith(".Tests", StringComparison.Ordinal) || name == "DpoPipeline.Testing");
    }
}
