using System.Text.Json.Nodes;
using Xunit;

namespace DpoPipeline.Infra.Tests;

/// <summary>The Bicep compiles with the real CLI, with the linter on, without a single warning.</summary>
public sealed class BicepCompilationTests(InfraBuild infra)
{
    [Fact]
    public void Build_MainTemplate_SucceedsWithoutDiagnostics() =>
        Assert.True(infra.MainBuild.IsCleanSuccess, infra.MainBuild.ToString());

    [Fact]
    public void Build_EventSubscriptionTemplate_SucceedsWithoutDiagnostics() =>
        Assert.True(infra.EventSubscriptionBuild.IsCleanSuccess, infra.EventSubscriptionBuild.ToString());

    [Fact]
    public void Lint_EveryBicepFileUnderInfra_ReportsNothing() =>
        Assert.True(infra.Lint.IsCleanSuccess, infra.Lint.ToString());

    [Fact]
    public void BicepConfig_EnablesTheLinterWithSecretRulesAsErrors()
    {
        var core = JsonNode.Parse(File.ReadAllText(InfraFiles.BicepConfig))!["analyzers"]!["core"]!;

        Assert.True((bool)core["enabled"]!);
        foreach (var rule in new[] { "outputs-should-not-contain-secrets", "secure-secrets-in-params", "no-hardcoded-env-urls", "no-unused-params" })
        {
            Assert.Equal("error", (string?)core["rules"]?[rule]?["level"]);
        }
    }

    [Fact]
    public async Task Build_WithInfraLinterSettings_RejectsAnUnusedParameterAndASecretOutput()
    {
        // Proves the zero-diagnostics checks above can fail: the same config flags a faulty file.
        var folder = Directory.CreateTempSubdirectory("dpo-lint-").FullName;
        try
        {
            var faulty = Path.Combine(folder, "faulty.bicep");
            await File.WriteAllTextAsync(
                faulty,
                """
                param unused string
                resource account 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
                  name: 'stexample'
                }
                output storageKey string = account.listKeys().keys[0].value
                """,
                TestContext.Current.CancellationToken);

            var run = await BicepCli.RunAsync(
                folder, ["build", faulty, "--stdout", "--config", InfraFiles.BicepConfig], TestContext.Current.CancellationToken);

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains("no-unused-params", run.StandardError, StringComparison.Ordinal);
            Assert.Contains("outputs-should-not-contain-secrets", run.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
