using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Workflow.Activities;

/// <summary>ARM provisioning state plus whether the deployment actually answers (it may not for minutes after Succeeded).</summary>
public sealed record DeploymentState(string ProvisioningState, bool Serving, RunError? Error)
{
    public bool Failed => Error is not null;
}
