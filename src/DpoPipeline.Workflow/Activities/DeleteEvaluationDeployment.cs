using DpoPipeline.Core.Deployments;
using DpoPipeline.Workflow.Hosting;
using Microsoft.Extensions.Logging;

namespace DpoPipeline.Workflow.Activities;

/// <summary>
/// Deletes one deployment the run made for itself (the base model it deployed to evaluate against) as soon as it is
/// no longer needed. Only a deployment that carries this run's and this pipeline's tags is deleted.
/// </summary>
public sealed class DeleteEvaluationDeployment(DeploymentServiceClient deployments, ILogger<DeleteEvaluationDeployment> logger)
    : IWorkflowActivity<DeleteEvaluationDeploymentRequest, bool>
{
    /// <returns>True when it was deleted; false when it was already gone.</returns>
    public async Task<bool> RunAsync(DeleteEvaluationDeploymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var deployment = await deployments.GetAsync(request.Name, cancellationToken);
        if (deployment is null)
        {
            return false;
        }

        if (deployment.RunId != request.RunId || deployment.Owner != request.Owner)
        {
            throw new InvalidOperationException(
                $"Deployment {request.Name} is not run {request.RunId}'s (its tags name run '{deployment.RunId}', owner '{deployment.Owner}'); it is left alone.");
        }

        var deleted = await deployments.DeleteAsync(request.Name, cancellationToken);
        logger.LogInformation("Run {RunId}: deployment {Deployment} deleted ({Deleted}).", request.RunId, request.Name, deleted);
        return deleted;
    }
}

public sealed record DeleteEvaluationDeploymentRequest(string RunId, string Name, string Owner);
