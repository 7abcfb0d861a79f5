using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Core.Deployments;
using DpoPipeline.Workflow.Failures;
using Microsoft.Extensions.Logging;

namespace DpoPipeline.Workflow.Activities;

/// <summary>Creates a deployment of the run (name from the run id, so a retry finds the same one) with run, owner and expiry tags.</summary>
public sealed class DeployModel(DeploymentServiceClient deployments, ILogger<DeployModel> logger) : IWorkflowActivity<DeployRequest, string>
{
    public async Task<string> RunAsync(DeployRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var deployment = await QuotaRefusals.TranslateAsync(() => deployments.CreateOrUpdateAsync(
            new DeploymentRequest
            {
                RunId = request.RunId,
                ModelName = request.Model,
                Name = request.Name,
                Owner = request.Owner,
                Sku = DeploymentSku.Parse(request.Sku),
                Capacity = request.Capacity,
                ExpiresAt = new DateTimeOffset(request.ExpiresAt, TimeSpan.Zero),
            },
            cancellationToken));
        logger.LogInformation("Run {RunId}: deployment {Deployment} is {State}.", request.RunId, deployment.Name, deployment.ProvisioningState);
        return deployment.Name;
    }
}
