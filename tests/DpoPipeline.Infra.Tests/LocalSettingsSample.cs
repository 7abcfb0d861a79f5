using System.Text.Json.Nodes;

namespace DpoPipeline.Infra.Tests;

/// <summary>The Values of local.settings.sample.json, which developers copy to local.settings.json.</summary>
internal static class LocalSettingsSample
{
    public static IReadOnlyDictionary<string, string> Values()
    {
        var values = JsonNode.Parse(File.ReadAllText(InfraFiles.LocalSettingsSample))!["Values"]!.AsObject();
        return values.ToDictionary(pair => pair.Key, pair => (string?)pair.Value ?? string.Empty, StringComparer.Ordinal);
    }
}
