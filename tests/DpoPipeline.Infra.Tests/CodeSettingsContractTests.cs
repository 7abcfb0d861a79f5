using Xunit;

namespace DpoPipeline.Infra.Tests;

/// <summary>
/// The contract against the built code: every setting an options class or binding expression reads is in the
/// contract (and so, by SettingsContractTests, in Bicep and the sample), and every contract setting of a section or
/// trigger the code has is really read.
/// </summary>
public sealed class CodeSettingsContractTests
{
    private static readonly IReadOnlyList<System.Reflection.Assembly> Assemblies = CodeSettingsDiscovery.ProductAssemblies();
    private static readonly IReadOnlyList<CodeSetting> Found = CodeSettingsDiscovery.Discover(Assemblies);

    [Fact]
    public void EverySettingTheCodeReads_IsInTheContract_WithTheSameReader()
    {
        foreach (var setting in Found)
        {
            var entry = SettingsContract.Settings.SingleOrDefault(contract => contract.Name == setting.Name);
            Assert.True(entry is not null, $"{setting.Source} reads {setting.Name}, which is not in the settings contract (tests/DpoPipeline.Infra.Tests/SettingsContract.cs).");
            Assert.Equal(entry.Reader, setting.Reader);
        }
    }

    [Fact]
    public void EveryContractSettingOfAnOptionsSectionInTheCode_IsAPropertyThere()
    {
        var sections = Assemblies.SelectMany(assembly => assembly.GetTypes())
            .Select(CodeSettingsDiscovery.SectionNameOf)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

        foreach (var setting in SettingsContract.Settings.Where(setting => setting.Reader == SettingReader.OptionsClass))
        {
            var section = setting.Name[..setting.Name.IndexOf("__", StringComparison.Ordinal)];
            if (sections.Contains(section))
            {
                Assert.True(Found.Any(found => found.Name == setting.Name), $"The contract lists {setting.Name}, but the {section} options class has no such settable property.");
            }
        }
    }
}
