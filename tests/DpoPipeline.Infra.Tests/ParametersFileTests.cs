using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace DpoPipeline.Infra.Tests;

/// <summary>main.parameters.json maps every Bicep parameter to an azd environment variable without changing its default.</summary>
public sealed partial class ParametersFileTests(InfraBuild infra)
{
    private static JsonObject Mapped =>
        JsonNode.Parse(File.ReadAllText(InfraFiles.MainParameters))!["parameters"]!.AsObject();

    [Fact]
    public void EveryBicepParameter_IsMapped_AndNothingElse()
    {
        Assert.Equal(
            infra.Main.Parameters.Select(parameter => parameter.Key).Order(StringComparer.Ordinal),
            Mapped.Select(parameter => parameter.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryMapping_IsOneAzdEnvironmentVariable_WhoseFallbackIsTheBicepDefault()
    {
        foreach (var (name, mapping) in Mapped)
        {
            var value = (string?)mapping!["value"];
            var match = EnvironmentReference().Match(value ?? string.Empty);
            Assert.True(match.Success, $"{name} maps to '{value}', not to one ${{VARIABLE}} or ${{VARIABLE=default}}.");

            // An empty substitution passes '' to Bicep, so a parameter with a non-empty default needs the same fallback here.
            var bicepDefault = (string?)infra.Main.Parameters[name]!["defaultValue"];
            var fallback = match.Groups["fallback"].Success ? match.Groups["fallback"].Value : null;
            if (string.IsNullOrEmpty(bicepDefault))
            {
                Assert.True(fallback is null, $"{name}: Bicep has no default but the mapping falls back to '{fallback}'.");
            }
            else
            {
                Assert.Equal(bicepDefault, fallback);
            }
        }
    }

    [Fact]
    public void AzdProvidedVariables_FeedEnvironmentLocationAndPrincipal()
    {
        Assert.Equal("${AZURE_ENV_NAME}", (string?)Mapped["environmentName"]!["value"]);
        Assert.Equal("${AZURE_LOCATION}", (string?)Mapped["location"]!["value"]);
        Assert.Equal("${AZURE_PRINCIPAL_ID}", (string?)Mapped["principalId"]!["value"]);
    }

    [GeneratedRegex(@"^\$\{(?<variable>[A-Z][A-Z0-9_]*)(=(?<fallback>[^}]*))?\}$")]
    private static partial Regex EnvironmentReference();
}
