using Microsoft.Extensions.Configuration;
using Xunit;

namespace DpoPipeline.Infra.Tests;

/// <summary>
/// The values the contract gives (the local sample, the Bicep defaults) bind to the real options classes: a value such
/// as "" for a non-nullable number would stop the app at start-up, so it is caught here instead.
/// </summary>
public sealed class OptionsBindingTests
{
    private static readonly IReadOnlyList<Type> OptionsTypes = CodeSettingsDiscovery.ProductAssemblies()
        .SelectMany(assembly => assembly.GetTypes())
        .Where(type => CodeSettingsDiscovery.SectionNameOf(type) is not null && !type.IsAbstract)
        .ToList();

    [Fact]
    public void LocalSampleValues_BindToEveryOptionsClass() =>
        AssertBinds(LocalSettingsSample.Values());

    [Fact]
    public void BicepDefaultValues_BindToEveryOptionsClass() =>
        // Bicep leaves empty settings out, so only the non-empty defaults reach the app.
        AssertBinds(SettingsContract.Settings
            .Where(setting => setting.InBicep && !string.IsNullOrEmpty(setting.Default))
            .ToDictionary(setting => setting.Name, setting => setting.Default!));

    private static void AssertBinds(IReadOnlyDictionary<string, string> appSettings)
    {
        // App settings reach .NET configuration as environment variables, where "__" separates sections.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(appSettings.Select(pair =>
                new KeyValuePair<string, string?>(pair.Key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), pair.Value)))
            .Build();

        foreach (var type in OptionsTypes)
        {
            var section = configuration.GetSection(CodeSettingsDiscovery.SectionNameOf(type)!);
            var exception = Record.Exception(() => section.Get(type));
            Assert.True(exception is null, $"{type.Name} does not bind: {exception?.Message}");
        }
    }
}
