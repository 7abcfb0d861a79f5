using Xunit;

namespace DpoPipeline.Infra.Tests;

/// <summary>
/// An existing Azure OpenAI account is named by its name and resource group together; a partial naming stops the
/// deployment before anything is created, with a message naming what is missing (evaluated offline by `bicep snapshot`).
/// </summary>
public sealed class OpenAiParameterCombinationTests : IDisposable
{
    private readonly string _workFolder = Directory.CreateTempSubdirectory("dpo-infra-combo-").FullName;

    [Theory]
    [InlineData("openAiAccountName", "aoai-shared", "openAiResourceGroupName (AZURE_OPENAI_RESOURCE_GROUP) is not")]
    [InlineData("openAiResourceGroupName", "rg-shared-ai", "openAiAccountName (AZURE_OPENAI_ACCOUNT_NAME) is not")]
    [InlineData("openAiSubscriptionId", InfraBuild.ExistingAccountSubscriptionId, "openAiAccountName (AZURE_OPENAI_ACCOUNT_NAME) is not")]
    public async Task A_partial_existing_account_fails_the_deployment_naming_what_is_missing(string parameter, string value, string expected)
    {
        var run = await InfraBuild.RunSnapshotAsync(
            _workFolder,
            "partial",
            InfraFiles.MainTemplate,
            new Dictionary<string, string>
            {
                ["environmentName"] = InfraBuild.EnvironmentName,
                ["location"] = InfraBuild.Location,
                [parameter] = value,
            },
            resourceGroup: null,
            TestContext.Current.CancellationToken);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(expected, run.StandardOutput + run.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_workFolder, "partial.snapshot.json")));
    }

    public void Dispose() => Directory.Delete(_workFolder, recursive: true);
}
