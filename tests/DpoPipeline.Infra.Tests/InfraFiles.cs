using DpoPipeline.Testing;

namespace DpoPipeline.Infra.Tests;

/// <summary>The deployment files under test, found from the repository root.</summary>
internal static class InfraFiles
{
    public static string InfraFolder => RepositoryPaths.Combine("infra");

    public static string MainTemplate => RepositoryPaths.Combine("infra", "main.bicep");

    public static string MainParameters => RepositoryPaths.Combine("infra", "main.parameters.json");

    public static string EventSubscriptionTemplate => RepositoryPaths.Combine("infra", "event-subscription.bicep");

    public static string BicepConfig => RepositoryPaths.Combine("infra", "bicepconfig.json");

    public static string PostDeployShellHook => RepositoryPaths.Combine("infra", "hooks", "postdeploy.sh");

    public static string AzureYaml => RepositoryPaths.Combine("azure.yaml");

    public static string HostJson => RepositoryPaths.Combine("host.json");

    public static string LocalSettingsSample => RepositoryPaths.Combine("local.settings.sample.json");
}
