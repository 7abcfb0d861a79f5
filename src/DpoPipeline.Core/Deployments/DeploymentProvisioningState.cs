namespace DpoPipeline.Core.Deployments;

/// <summary>ARM provisioningState of a deployment; <see cref="Unknown"/> for a state not known yet.</summary>
public enum DeploymentProvisioningState
{
    Unknown,
    Accepted,
    Creating,
    Updating,
    Moving,
    Deleting,
    Succeeded,
    Failed,
    Canceled,
    Disabled,
}
