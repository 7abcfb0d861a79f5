namespace DpoPipeline.Infra.Tests;

/// <summary>Who reads a setting, which decides how the contract tests find it in the code.</summary>
internal enum SettingReader
{
    /// <summary>A property of an options class with <c>public const string SectionName</c>: <c>Section__Property</c>.</summary>
    OptionsClass,

    /// <summary>A <c>%Name%</c> binding expression in a trigger or binding attribute of the Functions app.</summary>
    BindingExpression,

    /// <summary>A <c>%Name%</c> expression in host.json.</summary>
    HostJson,

    /// <summary>The Functions host, the Azure SDK or Application Insights; not read by our code.</summary>
    Platform,
}

/// <summary>Where a setting must be defined.</summary>
internal enum SettingScope
{
    /// <summary>Bicep app settings and local.settings.sample.json.</summary>
    Everywhere,

    /// <summary>Bicep app settings only (managed identity, telemetry).</summary>
    AzureOnly,

    /// <summary>local.settings.sample.json only.</summary>
    LocalOnly,

    /// <summary>Neither: a local opt-in the developer adds by hand; never in Bicep.</summary>
    OptIn,
}

/// <param name="Name">App setting name; <c>__</c> separates configuration sections.</param>
/// <param name="Default">Value the Bicep parameter defaults to, when the setting comes from one.</param>
/// <param name="LocalValue">Exact value in local.settings.sample.json ("" = unset, the code's default applies).</param>
internal sealed record ContractSetting(string Name, SettingReader Reader, SettingScope Scope, string? Default = null, string? LocalValue = null)
{
    public bool InBicep => Scope is SettingScope.Everywhere or SettingScope.AzureOnly;

    public bool InLocalSample => Scope is SettingScope.Everywhere or SettingScope.LocalOnly;
}

/// <summary>
/// The app settings contract: every setting the code reads is defined in infra/main.bicep's app settings and in
/// local.settings.sample.json, and nothing else is; the README's settings table names every setting our code reads.
/// </summary>
internal static class SettingsContract
{
    /// <summary>One loopback URL for the local emulator, serving both the OpenAI v1 API and ARM deployments.</summary>
    public const string EmulatorUrl = "http://127.0.0.1:5080/";

    public static IReadOnlyList<ContractSetting> Settings { get; } =
    [
        // Host storage: identity-based in Azure (Flex Consumption, no keys); Azurite locally.
        new("AzureWebJobsStorage__accountName", SettingReader.Platform, SettingScope.AzureOnly),
        new("AzureWebJobsStorage__blobServiceUri", SettingReader.Platform, SettingScope.AzureOnly),
        new("AzureWebJobsStorage__queueServiceUri", SettingReader.Platform, SettingScope.AzureOnly),
        new("AzureWebJobsStorage__tableServiceUri", SettingReader.Platform, SettingScope.AzureOnly),
        new("AzureWebJobsStorage__credential", SettingReader.Platform, SettingScope.AzureOnly),
        new("AzureWebJobsStorage__clientId", SettingReader.Platform, SettingScope.AzureOnly),
        new("AzureWebJobsStorage", SettingReader.Platform, SettingScope.LocalOnly, LocalValue: "UseDevelopmentStorage=true"),

        // Flex Consumption takes the runtime from functionAppConfig.runtime and rejects this app setting.
        new("FUNCTIONS_WORKER_RUNTIME", SettingReader.Platform, SettingScope.LocalOnly, LocalValue: "dotnet-isolated"),
        new("AZURE_CLIENT_ID", SettingReader.Platform, SettingScope.AzureOnly),
        new("APPLICATIONINSIGHTS_CONNECTION_STRING", SettingReader.Platform, SettingScope.AzureOnly),
        new("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", SettingReader.Platform, SettingScope.AzureOnly),

        new("DurableTaskHubName", SettingReader.HostJson, SettingScope.Everywhere, "dpopipeline", "dpopipeline"),
        new("CleanupSchedule", SettingReader.BindingExpression, SettingScope.Everywhere, "0 0 * * * *", "0 0 * * * *"),

        new("OpenAI__Endpoint", SettingReader.OptionsClass, SettingScope.Everywhere, LocalValue: EmulatorUrl),
        new("OpenAI__ApiKey", SettingReader.OptionsClass, SettingScope.OptIn),

        new("Arm__SubscriptionId", SettingReader.OptionsClass, SettingScope.Everywhere, LocalValue: "00000000-0000-0000-0000-000000000000"),
        new("Arm__ResourceGroup", SettingReader.OptionsClass, SettingScope.Everywhere, LocalValue: "rg-dpopipeline-local"),
        new("Arm__AccountName", SettingReader.OptionsClass, SettingScope.Everywhere, LocalValue: "emulator"),
        new("Arm__ApiVersion", SettingReader.OptionsClass, SettingScope.Everywhere, "2025-06-01", "2025-06-01"),
        new("Arm__Endpoint", SettingReader.OptionsClass, SettingScope.Everywhere, LocalValue: EmulatorUrl),

        new("Pipeline__DefaultBaseModel", SettingReader.OptionsClass, SettingScope.Everywhere, "gpt-4.1-mini-2025-04-14", "gpt-4.1-mini-2025-04-14"),
        new("Pipeline__Beta", SettingReader.OptionsClass, SettingScope.Everywhere, string.Empty, string.Empty),
        new("Pipeline__BatchSize", SettingReader.OptionsClass, SettingScope.Everywhere, string.Empty, string.Empty),
        new("Pipeline__LearningRateMultiplier", SettingReader.OptionsClass, SettingScope.Everywhere, string.Empty, string.Empty),
        new("Pipeline__Epochs", SettingReader.OptionsClass, SettingScope.Everywhere, string.Empty, string.Empty),
        new("Pipeline__DeploymentSku", SettingReader.OptionsClass, SettingScope.Everywhere, "developertier", "developertier"),
        new("Pipeline__DeploymentCapacity", SettingReader.OptionsClass, SettingScope.Everywhere, "1", "1"),
        new("Pipeline__DeploymentTtlHours", SettingReader.OptionsClass, SettingScope.Everywhere, "24", "24"),
        new("Pipeline__AllowedDeploymentSkus", SettingReader.OptionsClass, SettingScope.Everywhere, "developertier,standard,globalstandard", "developertier,standard,globalstandard"),
        new("Pipeline__MaxDeploymentCapacity", SettingReader.OptionsClass, SettingScope.Everywhere, "10", "10"),
        new("Pipeline__MaxDeploymentTtlHours", SettingReader.OptionsClass, SettingScope.Everywhere, "72", "72"),
        new("Pipeline__BudgetLimitUsd", SettingReader.OptionsClass, SettingScope.Everywhere, "25", "25"),
        new("Pipeline__OnNewVersion", SettingReader.OptionsClass, SettingScope.Everywhere, "supersede", "supersede"),
        new("Pipeline__ApprovalTimeoutHours", SettingReader.OptionsClass, SettingScope.Everywhere, "24", "24"),
        new("Pipeline__MaxRunHours", SettingReader.OptionsClass, SettingScope.Everywhere, "168", "168"),
        new("Pipeline__MaxSweepVariants", SettingReader.OptionsClass, SettingScope.Everywhere, "6", "6"),
        new("Pipeline__Owner", SettingReader.OptionsClass, SettingScope.Everywhere, "dpopipeline", "dpopipeline"),
        new("Pipeline__RunsContainer", SettingReader.OptionsClass, SettingScope.Everywhere, LocalValue: "runs"),
        new("Pipeline__DatasetContainers", SettingReader.OptionsClass, SettingScope.Everywhere, LocalValue: "datasets"),
        new("Pipeline__DeadLetterContainer", SettingReader.OptionsClass, SettingScope.Everywhere, LocalValue: "deadletters"),
        new("Pipeline__MaxRunningJobs", SettingReader.OptionsClass, SettingScope.Everywhere, "1", "1"),
        new("Pipeline__MaxFineTunedDeployments", SettingReader.OptionsClass, SettingScope.Everywhere, "5", "5"),
        new("Pipeline__QuotaRecheckMinutes", SettingReader.OptionsClass, SettingScope.Everywhere, "5", "5"),
        new("Pipeline__EvaluationSampleSize", SettingReader.OptionsClass, SettingScope.Everywhere, "50", "50"),
        new("Pipeline__EvaluationBaseDeployment", SettingReader.OptionsClass, SettingScope.Everywhere, string.Empty, string.Empty),
        new("Pipeline__JudgeDeployment", SettingReader.OptionsClass, SettingScope.Everywhere, string.Empty, string.Empty),
        // Only for a host pointed at an emulator whose clock runs faster (dpo run sets it itself); never in Azure.
        new("Pipeline__ServiceTimeScale", SettingReader.OptionsClass, SettingScope.OptIn),
    ];

    public static IEnumerable<string> NamesWhere(Func<ContractSetting, bool> predicate) =>
        Settings.Where(predicate).Select(setting => setting.Name).Order(StringComparer.Ordinal);
}
