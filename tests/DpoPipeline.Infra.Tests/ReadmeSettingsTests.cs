using Xunit;

namespace DpoPipeline.Infra.Tests;

/// <summary>The README's settings table names every setting the code reads, and nothing that is not a setting.</summary>
public sealed class ReadmeSettingsTests
{
    private static readonly IReadOnlyList<string> Documented = ReadmeSettingsTable.Names();

    [Fact]
    public void Every_setting_an_options_class_or_a_binding_reads_is_in_the_READMEs_settings_table()
    {
        var found = CodeSettingsDiscovery.Discover(CodeSettingsDiscovery.ProductAssemblies());

        var missing = found.Where(setting => !Documented.Contains(setting.Name, StringComparer.Ordinal))
            .Select(setting => $"{setting.Name} (read by {setting.Source})")
            .Distinct()
            .ToList();

        Assert.True(missing.Count == 0, "Missing from the README's settings table (## Configuration):\n" + string.Join("\n", missing));
        Assert.Contains("Pipeline__BudgetLimitUsd", Documented);
    }

    [Fact]
    public void Every_setting_our_code_or_host_json_reads_per_the_contract_is_documented_and_every_row_is_a_setting()
    {
        var ours = SettingsContract.Settings.Where(setting => setting.Reader != SettingReader.Platform).Select(setting => setting.Name).ToList();

        Assert.Empty(ours.Except(Documented, StringComparer.Ordinal));
        Assert.Empty(Documented.Except(SettingsContract.Settings.Select(setting => setting.Name), StringComparer.Ordinal));
    }
}
