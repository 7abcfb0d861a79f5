using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Core.Deployments;
using Microsoft.Extensions.Logging;

namespace DpoPipeline.Workflow.Activities;

/// <summary>Deletes a run's deployment; one already gone is fine (the cleanup timer may have been first).</summary>
public sealed class DeleteDeployment(DeploymentServiceClient deployments, ILogger<DeleteDeployment> logger) : IWorkflowActivity<string, bool>
{
    public async Task<bool> RunAsync(string deployment, CancellationToken cancellationToken)
    {
        var deleted = await deployments.DeleteAsync(deployment, cancellationToken);
        logger.LogInformation("Deployment {Deployment}: {Result}.", deployment, deleted ? "deleted" : "already gone");
        return deleted;
    }
}
