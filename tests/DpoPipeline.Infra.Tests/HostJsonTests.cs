using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace DpoPipeline.Infra.Tests;

public sealed partial class HostJsonTests
{
    private static readonly string Text = File.ReadAllText(InfraFiles.HostJson);
    private static readonly JsonNode Root = JsonNode.Parse(Text)!;

    [Fact]
    public void DurableTaskHub_IsNamedBySetting()
    {
        Assert.Equal("%DurableTaskHubName%", (string?)Root["extensions"]!["durableTask"]!["hubName"]);
    }

    [Fact]
    public void EverySettingReferencedInHostJson_IsAContractSettingReadThere_AndViceVersa()
    {
        var referenced = SettingReference().Matches(Text).Select(match => match.Groups["name"].Value).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(SettingsContract.NamesWhere(setting => setting.Reader == SettingReader.HostJson), referenced);
    }

    [Fact]
    public void DurableStorageProvider_PollsQueuesAtMostEveryTenSeconds()
    {
        // Flex Consumption bills and scales on activity; a bounded polling interval keeps idle cost low and pickup quick.
        var provider = Root["extensions"]!["durableTask"]!["storageProvider"]!;
        var interval = TimeSpan.Parse((string)provider["maxQueuePollingInterval"]!, CultureInfo.InvariantCulture);

        Assert.InRange(interval, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Durable_DoesNotTraceInputsAndOutputs()
    {
        Assert.False((bool)Root["extensions"]!["durableTask"]!["tracing"]!["traceInputsAndOutputs"]!);
    }

    [Fact]
    public void FunctionTimeout_IsBoundedAndLongEnoughForDatasetPreparation()
    {
        var timeout = TimeSpan.Parse((string)Root["functionTimeout"]!, CultureInfo.InvariantCulture);

        Assert.InRange(timeout, TimeSpan.FromMinutes(30), TimeSpan.FromHours(4));
    }

    [Fact]
    public void Logging_KeepsDurableAndSdkInternalsAtWarning()
    {
        var levels = Root["logging"]!["logLevel"]!;

        Assert.Equal("Information", (string?)levels["default"]);
        Assert.Equal("Warning", (string?)levels["DurableTask.AzureStorage"]);
        Assert.Equal("Warning", (string?)levels["Azure.Core"]);
    }

    [GeneratedRegex("%(?<name>[A-Za-z0-9_]+)%")]
    private static partial Regex SettingReference();
}
