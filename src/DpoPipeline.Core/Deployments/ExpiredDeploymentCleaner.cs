using Microsoft.Extensions.Logging;

namespace DpoPipeline.Core.Deployments;

/// <summary>
/// Deletes the deployments this pipeline created whose expiry has passed — and never anything else: a deployment
/// counts as ours only with our owner tag, a run id tag and a readable expiry. Safe to run twice at once, since
/// deleting a deployment that is already gone is not an error.
/// </summary>
public sealed class ExpiredDeploymentCleaner(DeploymentServiceClient deployments, TimeProvider time, ILogger<ExpiredDeploymentCleaner> logger)
{
    public async Task<IReadOnlyList<string>> DeleteExpiredAsync(string owner, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        var now = time.GetUtcNow();
        var expired = (await deployments.ListAsync(cancellationToken))
            .Where(d => string.Equals(d.Owner, owner, StringComparison.Ordinal) && d.RunId is not null && d.ExpiresAt is { } at && at <= now)
            .ToList();

        var deleted = new List<string>();
        foreach (var deployment in expired)
        {
            if (await deployments.DeleteAsync(deployment.Name, cancellationToken))
            {
                deleted.Add(deployment.Name);
                logger.LogInformation(
                    "Deleted expired deployment {Deployment} of run {RunId} (expired {ExpiresAt:u}).",
                    deployment.Name, deployment.RunId, deployment.ExpiresAt);
            }
        }

        logger.LogInformation("Cleanup: {Expired} expired deployment(s) owned by {Owner}, {Deleted} deleted now.", expired.Count, owner, deleted.Count);
        return deleted;
    }
}
