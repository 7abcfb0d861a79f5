using DpoPipeline.Core.Deployments;
using DpoPipeline.Workflow.Configuration;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace DpoPipeline.Functions.Triggers;

/// <summary>The safety net behind each run's own TTL timer: deletes this pipeline's expired deployments on a schedule.</summary>
public sealed class CleanupTrigger(ExpiredDeploymentCleaner cleaner, IOptions<PipelineOptions> options)
{
    [Function(nameof(CleanupExpiredDeployments))]
    public Task CleanupExpiredDeployments([TimerTrigger("%CleanupSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        cleaner.DeleteExpiredAsync(options.Value.Owner, cancellationToken);
}
