using DpoPipeline.Workflow.Hosting;
using System.ClientModel;
using DpoPipeline.Core.Deployments;
using DpoPipeline.Core.Evaluation;
using DpoPipeline.Workflow.Evaluation;
using DpoPipeline.Workflow.Runs;
using Microsoft.Extensions.Logging;

namespace DpoPipeline.Workflow.Activities;

/// <summary>
/// One look at a deployment: ARM's provisioning state, and — once ARM says Succeeded — whether it actually answers,
/// because a new deployment keeps refusing calls ("DeploymentNotReady") for a while after that.
/// </summary>
public sealed class CheckDeployment(DeploymentServiceClient deployments, IChatSourceFactory chats, ILogger<CheckDeployment> logger) : IWorkflowActivity<string, DeploymentState>
{
    public async Task<DeploymentState> RunAsync(string deployment, CancellationToken cancellationToken)
    {
        var check = await deployments.CheckAsync(deployment, cancellationToken);
        var state = check.Deployment?.ProvisioningState.ToString() ?? "Missing";
        switch (check.State)
        {
            case DeploymentCheckState.Failed:
                return new DeploymentState(state, false, new RunError("deployment_failed", $"Deployment '{deployment}' ended {state}."));
            case DeploymentCheckState.Missing:
                return new DeploymentState(state, false, new RunError("deployment_missing", $"Deployment '{deployment}' does not exist."));
            case DeploymentCheckState.Provisioning:
                return new DeploymentState(state, false, null);
        }

        try
        {
            await chats.Create(deployment).AskAsync([new ChatTurn("user", "ping")], cancellationToken);
            return new DeploymentState(state, true, null);
        }
        catch (ClientResultException e) when (e.Status is 404 or 409 or 429 or >= 500)
        {
            logger.LogInformation("Deployment {Deployment} is {State} but not answering yet ({Status}).", deployment, state, e.Status);
            return new DeploymentState(state, false, null);
        }
    }
}
