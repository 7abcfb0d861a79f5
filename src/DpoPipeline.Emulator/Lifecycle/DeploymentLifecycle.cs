using DpoPipeline.Emulator.State;

namespace DpoPipeline.Emulator.Lifecycle;

/// <summary>ARM provisioning: Accepted → Creating (~13 min for a fine-tuned model) → Succeeded or Failed; then a while of DeploymentNotReady.</summary>
internal static class DeploymentLifecycle
{
    public const string Accepted = "Accepted";
    public const string Creating = "Creating";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";

    public static string StateOf(StoredDeployment deployment, EmulatorOptions options, DateTimeOffset now) =>
        now < deployment.ProvisioningStartedAt + options.Scaled(options.Durations.DeploymentAccepted) ? Accepted
        : now < ProvisionedAt(deployment, options) ? Creating
        : deployment.FailProvisioning ? Failed
        : Succeeded;

    public static DateTimeOffset ProvisionedAt(StoredDeployment deployment, EmulatorOptions options) =>
        deployment.ProvisioningStartedAt + options.Scaled(options.Durations.DeploymentAccepted) + options.Scaled(options.Durations.DeploymentCreating);

    /// <summary>True when chat completions are served: Succeeded and past the not-ready window.</summary>
    public static bool IsServing(StoredDeployment deployment, EmulatorOptions options, DateTimeOffset now) =>
        StateOf(deployment, options, now) == Succeeded
        && now >= ProvisionedAt(deployment, options) + options.Scaled(options.Durations.DeploymentNotReady);
}
