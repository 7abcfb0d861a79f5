namespace DpoPipeline.Core.Deployments;

/// <summary>Where a deployment stands after one non-blocking look.</summary>
public enum DeploymentCheckState
{
    /// <summary>No deployment of that name (never created, or deleted).</summary>
    Missing,

    /// <summary>Accepted, creating or updating: look again later.</summary>
    Provisioning,

    /// <summary>Provisioned (it may still answer DeploymentNotReady for a few minutes).</summary>
    Succeeded,

    /// <summary>Failed, canceled or disabled.</summary>
    Failed,
}
