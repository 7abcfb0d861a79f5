namespace DpoPipeline.Core.Deployments;

/// <summary>
/// Outcome of <see cref="DeploymentServiceClient.CheckAsync"/>; <see cref="RetryAfter"/> is ARM's hint for the next look.
/// </summary>
public sealed record DeploymentCheck(DeploymentCheckState State, ArmDeployment? Deployment, TimeSpan? RetryAfter)
{
    public static DeploymentCheck From(ArmDeployment? deployment, TimeSpan? retryAfter) => new(
        deployment?.ProvisioningState switch
        {
            null => DeploymentCheckState.Missing,
            DeploymentProvisioningState.Succeeded => DeploymentCheckState.Succeeded,
            DeploymentProvisioningState.Failed or DeploymentProvisioningState.Canceled or DeploymentProvisioningState.Disabled
                => DeploymentCheckState.Failed,
            _ => DeploymentCheckState.Provisioning,
        },
        deployment,
        retryAfter);
}
