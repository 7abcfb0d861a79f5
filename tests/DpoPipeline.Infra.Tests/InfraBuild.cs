using System.Text.Json.Nodes;
using Xunit;

[assembly: AssemblyFixture(typeof(DpoPipeline.Infra.Tests.InfraBuild))]

namespace DpoPipeline.Infra.Tests;

/// <summary>
/// Compiles and snapshots the Bicep once per test run (each CLI call takes about two seconds):
/// main.bicep with a new Azure OpenAI account and a deploying user, main.bicep with an existing account in another
/// subscription and no user, and the post-deploy event subscription.
/// </summary>
public sealed class InfraBuild : IAsyncLifetime
{
    public const string SubscriptionId = "00000000-0000-0000-0000-00000000a001";
    public const string TenantId = "00000000-0000-0000-0000-00000000e001";
    public const string Location = "swedencentral";
    public const string EnvironmentName = "ci";
    public const string ResourceGroup = "rg-ci";
    public const string DeployingUserId = "11111111-2222-3333-4444-555555555555";
    public const string ExistingAccountName = "aoai-shared";
    public const string ExistingAccountResourceGroup = "rg-shared-ai";
    public const string ExistingAccountSubscriptionId = "00000000-0000-0000-0000-00000000a002";
    public const string FunctionAppName = "func-ci";
    public const string SystemTopicName = "evgt-ci";

    private readonly string _workFolder = Directory.CreateTempSubdirectory("dpo-infra-").FullName;

    internal BicepRun MainBuild { get; private set; } = null!;

    internal BicepRun EventSubscriptionBuild { get; private set; } = null!;

    internal BicepRun Lint { get; private set; } = null!;

    internal CompiledTemplate Main { get; private set; } = null!;

    internal CompiledTemplate EventSubscription { get; private set; } = null!;

    /// <summary>main.bicep creating its own Azure OpenAI account, deployed by a signed-in user.</summary>
    internal DeploymentSnapshot WithNewAccount { get; private set; } = null!;

    /// <summary>main.bicep using an existing account in another subscription, deployed without a user principal.</summary>
    internal DeploymentSnapshot WithExistingAccount { get; private set; } = null!;

    internal DeploymentSnapshot EventSubscriptionSnapshot { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var mainJson = Path.Combine(_workFolder, "main.json");
        var eventSubscriptionJson = Path.Combine(_workFolder, "event-subscription.json");

        var mainBuild = BicepCli.RunAsync(InfraFiles.InfraFolder, ["build", InfraFiles.MainTemplate, "--outfile", mainJson], cancellationToken);
        var eventSubscriptionBuild = BicepCli.RunAsync(
            InfraFiles.InfraFolder, ["build", InfraFiles.EventSubscriptionTemplate, "--outfile", eventSubscriptionJson], cancellationToken);
        var lint = BicepCli.RunAsync(InfraFiles.InfraFolder, ["lint", "--pattern", "**/*.bicep"], cancellationToken);
        var withNewAccount = SnapshotAsync(
            "new-account",
            InfraFiles.MainTemplate,
            new Dictionary<string, string>
            {
                ["environmentName"] = EnvironmentName,
                ["location"] = Location,
                ["principalId"] = DeployingUserId,
                ["principalType"] = "User",
            },
            resourceGroup: null,
            cancellationToken);
        var withExistingAccount = SnapshotAsync(
            "existing-account",
            InfraFiles.MainTemplate,
            new Dictionary<string, string>
            {
                ["environmentName"] = EnvironmentName,
                ["location"] = Location,
                ["openAiAccountName"] = ExistingAccountName,
                ["openAiResourceGroupName"] = ExistingAccountResourceGroup,
                ["openAiSubscriptionId"] = ExistingAccountSubscriptionId,
            },
            resourceGroup: null,
            cancellationToken);
        var eventSubscription = SnapshotAsync(
            "event-subscription",
            InfraFiles.EventSubscriptionTemplate,
            new Dictionary<string, string>
            {
                ["functionAppName"] = FunctionAppName,
                ["systemTopicName"] = SystemTopicName,
            },
            ResourceGroup,
            cancellationToken);

        MainBuild = await mainBuild;
        EventSubscriptionBuild = await eventSubscriptionBuild;
        Lint = await lint;
        Main = new CompiledTemplate(await ReadObjectAsync(mainJson, MainBuild, cancellationToken));
        EventSubscription = new CompiledTemplate(await ReadObjectAsync(eventSubscriptionJson, EventSubscriptionBuild, cancellationToken));
        WithNewAccount = await withNewAccount;
        WithExistingAccount = await withExistingAccount;
        EventSubscriptionSnapshot = await eventSubscription;
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_workFolder, recursive: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Runs `bicep snapshot` of <paramref name="template"/> with these parameters in <paramref name="workFolder"/>,
    /// which then holds <c>{name}.snapshot.json</c> if it succeeded. Expressions such as <c>fail()</c> are evaluated.
    /// </summary>
    internal static async Task<BicepRun> RunSnapshotAsync(
        string workFolder,
        string name,
        string template,
        IReadOnlyDictionary<string, string> parameters,
        string? resourceGroup,
        CancellationToken cancellationToken)
    {
        // A .bicepparam must name its template by a relative path.
        var parametersFile = Path.Combine(workFolder, $"{name}.bicepparam");
        var lines = new List<string> { $"using '{Path.GetRelativePath(workFolder, template).Replace('\\', '/')}'" };
        lines.AddRange(parameters.Select(pair => $"param {pair.Key} = '{pair.Value}'"));
        await File.WriteAllLinesAsync(parametersFile, lines, cancellationToken);

        List<string> arguments =
        [
            "snapshot", parametersFile, "--mode", "overwrite",
            "--tenant-id", TenantId, "--subscription-id", SubscriptionId, "--location", Location,
        ];
        if (resourceGroup is not null)
        {
            arguments.AddRange(["--resource-group", resourceGroup]);
        }

        return await BicepCli.RunAsync(workFolder, arguments, cancellationToken);
    }

    private async Task<DeploymentSnapshot> SnapshotAsync(
        string name,
        string template,
        IReadOnlyDictionary<string, string> parameters,
        string? resourceGroup,
        CancellationToken cancellationToken)
    {
        var run = await RunSnapshotAsync(_workFolder, name, template, parameters, resourceGroup, cancellationToken);
        var snapshot = await ReadObjectAsync(Path.Combine(_workFolder, $"{name}.snapshot.json"), run, cancellationToken);
        return new DeploymentSnapshot(snapshot);
    }

    private static async Task<JsonObject> ReadObjectAsync(string path, BicepRun run, CancellationToken cancellationToken)
    {
        if (run.ExitCode != 0 || !File.Exists(path))
        {
            throw new InvalidOperationException($"bicep did not produce {Path.GetFileName(path)}: {run}");
        }

        return JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken))!.AsObject();
    }
}
