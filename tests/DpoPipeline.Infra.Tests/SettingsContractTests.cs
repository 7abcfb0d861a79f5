using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace DpoPipeline.Infra.Tests;

/// <summary>The Bicep app settings and local.settings.sample.json define exactly the settings of the contract.</summary>
public sealed partial class SettingsContractTests(InfraBuild infra)
{
    private JsonObject BicepAppSettings => infra.Main.ModuleParameters("functionApp")["appSettings"]!["value"]!.AsObject();

    [Fact]
    public void BicepAppSettings_AreExactlyTheContractsAzureSettings()
    {
        Assert.Equal(
            SettingsContract.NamesWhere(setting => setting.InBicep),
            BicepAppSettings.Select(pair => pair.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void LocalSample_HasExactlyTheContractsLocalSettings_WithTheirValues()
    {
        var sample = LocalSettingsSample.Values();

        Assert.Equal(SettingsContract.NamesWhere(setting => setting.InLocalSample), sample.Keys.Order(StringComparer.Ordinal));
        foreach (var setting in SettingsContract.Settings.Where(setting => setting.InLocalSample))
        {
            Assert.True(setting.LocalValue is not null, $"The contract gives no local value for {setting.Name}.");
            Assert.Equal(setting.LocalValue, sample[setting.Name]);
        }
    }

    [Fact]
    public void BicepParameterDefaults_AreTheContractsDefaults()
    {
        foreach (var setting in SettingsContract.Settings.Where(setting => setting.InBicep && setting.Default is not null))
        {
            var expression = (string?)BicepAppSettings[setting.Name];
            var parameter = ParameterReference().Match(expression ?? string.Empty);
            Assert.True(parameter.Success, $"{setting.Name} is '{expression}', not a Bicep parameter with the contract's default.");

            Assert.Equal(setting.Default, (string?)infra.Main.Parameters[parameter.Groups["name"].Value]!["defaultValue"]);
        }
    }

    [Fact]
    public void AppSettings_HoldNoKeysOrStorageConnectionString()
    {
        Assert.DoesNotContain(BicepAppSettings, pair => pair.Key.Contains("Key", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(BicepAppSettings, pair => pair.Key == "AzureWebJobsStorage");
        Assert.DoesNotContain(BicepAppSettings, pair => pair.Key == "FUNCTIONS_WORKER_RUNTIME");
        Assert.All(BicepAppSettings, pair => Assert.DoesNotContain("list", (string?)pair.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void HostStorage_ConnectsWithTheUserAssignedIdentity()
    {
        Assert.Equal("managedidentity", (string?)BicepAppSettings["AzureWebJobsStorage__credential"]);
        Assert.Equal("[reference('identity').outputs.clientId.value]", (string?)BicepAppSettings["AzureWebJobsStorage__clientId"]);
        Assert.Equal("[reference('identity').outputs.clientId.value]", (string?)BicepAppSettings["AZURE_CLIENT_ID"]);
        Assert.Equal(
            "[format('ClientId={0};Authorization=AAD', reference('identity').outputs.clientId.value)]",
            (string?)BicepAppSettings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }

    [Fact]
    public void OptInSettings_AreNowhere()
    {
        var sample = LocalSettingsSample.Values();

        foreach (var name in SettingsContract.NamesWhere(setting => setting.Scope == SettingScope.OptIn))
        {
            Assert.False(BicepAppSettings.ContainsKey(name), $"{name} is a local opt-in and must never be deployed.");
            Assert.False(sample.ContainsKey(name), $"{name} is a local opt-in; the sample must not carry it.");
        }
    }

    [GeneratedRegex(@"^\[parameters\('(?<name>[A-Za-z0-9]+)'\)\]$")]
    private static partial Regex ParameterReference();
}
